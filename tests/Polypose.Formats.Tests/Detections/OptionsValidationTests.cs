using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;

namespace Polypose.Formats.Tests.Detections;

/// <summary>Reader settings are checked when set: an out-of-range value throws naming the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(DetectionSourceOptions.MaxFirstFrameIndex + 1)]
    public void DetectionSourceOptions_FirstFrameIndexOutOfRange_ThrowsNamingIt(int first) =>
        Assert.Equal("FirstFrameIndex", Assert.Throws<ArgumentOutOfRangeException>(() => new DetectionSourceOptions { FirstFrameIndex = first }).ParamName);

    [Fact]
    public void DetectionSourceOptions_LargestFirstFrameIndex_IsKept() =>
        Assert.Equal(DetectionSourceOptions.MaxFirstFrameIndex, new DetectionSourceOptions { FirstFrameIndex = DetectionSourceOptions.MaxFirstFrameIndex }.FirstFrameIndex);

    [Fact]
    public void CalibrationReadOptions_ZeroImageSide_ThrowsNamingIt() =>
        Assert.Equal("DefaultImageSize.Height", Assert.Throws<ArgumentOutOfRangeException>(() => new CalibrationReadOptions { DefaultImageSize = new ImageSize(640, 0) }).ParamName);

    [Fact]
    public void CalibrationReadOptions_EmptyCameraName_ThrowsNamingIt() =>
        Assert.Equal("Cameras[1]", Assert.Throws<ArgumentException>(() => new CalibrationReadOptions { Cameras = ["1", ""] }).ParamName);
}
