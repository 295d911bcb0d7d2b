using Polypose.Formats.Calibration;

namespace Polypose.Formats.Tests.Calibration;

public sealed class ImageSizeSpecTests
{
    [Fact]
    public void Parse_OneSize_ServesEveryCamera()
    {
        var spec = ImageSizeSpec.Parse("1032x776");

        Assert.Equal(new ImageSize(1032, 776), spec.All);
        Assert.Empty(spec.PerCamera);
    }

    [Fact]
    public void Parse_NamedSizesAndABareOne_KeepsBoth()
    {
        var spec = ImageSizeSpec.Parse("cam1=1920x1080, cam2=1280X720,640x480");

        Assert.Equal(new ImageSize(640, 480), spec.All);
        Assert.Equal(new ImageSize(1920, 1080), spec.PerCamera["cam1"]);
        Assert.Equal(new ImageSize(1280, 720), spec.PerCamera["cam2"]);
    }

    [Fact]
    public void Parse_NameWithEqualsSign_SplitsAtTheLastOne()
    {
        Assert.Equal(new ImageSize(10, 20), ImageSizeSpec.Parse("a=b=10x20").PerCamera["a=b"]);
    }

    [Theory]
    [InlineData("1920", "expected WxH or NAME=WxH")]
    [InlineData("1920x", "expected WxH or NAME=WxH")]
    [InlineData("-5x10", "expected WxH or NAME=WxH")]
    [InlineData("0x10", "each side must be 1-100000 pixels")]
    [InlineData("200000x10", "each side must be 1-100000 pixels")]
    [InlineData("=10x10", "has no camera name")]
    [InlineData("a=1x1,a=2x2", "names camera 'a' twice")]
    [InlineData("1x1,2x2", "a size for all cameras twice")]
    public void Parse_BadText_SaysWhichPartIsWrong(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ImageSizeSpec.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
