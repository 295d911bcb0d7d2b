using Polypose.Formats.Detections;

namespace Polypose.Formats.Tests.Detections;

[Trait("Stage", "Formats")]
public sealed class FrameNumbersTests
{
    [Theory]
    [InlineData("cam01_000123_keypoints.json", true, 123)]
    [InlineData("/data/pose/cam01_json/cam01_000007_keypoints.json", true, 7)]
    [InlineData("img_000300.png", true, 300)]
    [InlineData("00_03_00000168.jpg", true, 168)]
    [InlineData("frame42", true, 42)]
    [InlineData("keypoints.json", false, -1)]
    [InlineData("f_99999999999999.json", false, -1)]
    public void TryParse_FileName_LastDigitRun(string name, bool ok, int expected)
    {
        Assert.Equal(ok, FrameNumbers.TryParse(name, out var frame));
        if (ok)
        {
            Assert.Equal(expected, frame);
        }
    }
}
