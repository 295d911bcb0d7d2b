using Polypose.Formats.Calibration;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

/// <summary>Numbers that cannot come from a real camera are rejected with the file, the camera and the field (docs/input-ranges.md).</summary>
public sealed class ImplausibleCalibrationValuesTests
{
    private const string K = "[1000, 0, 500, 0, 1000, 400, 0, 0, 1]";
    private const string RT = "[1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3]";

    [Theory]
    [InlineData("[1e308, 0, 500, 0, 1000, 400, 0, 0, 1]", "focal length fx = 1e+308 px is outside the plausible range [1, 1e+06] px")]
    [InlineData("[1000, 0, 500, 0, 1e-320, 400, 0, 0, 1]", "focal length fy = 9.99989e-321 px is outside the plausible range")]
    [InlineData("[1000, 0, 5e7, 0, 1000, 400, 0, 0, 1]", "cx = 5e+07 px is outside the plausible range")]
    [InlineData("[1000, 1e9, 500, 0, 1000, 400, 0, 0, 1]", "skew = 1e+09 px is outside the plausible range")]
    public void FourDAssociation_ImplausibleIntrinsics_AreRejectedNamingTheCameraAndField(string k, string expected)
    {
        var ex = ReadFails($$$"""{"cam0": {"K": {{{k}}}, "RT": {{{RT}}}, "imgSize": [1000, 800]}}""");

        Assert.Contains("camera 'cam0'", ex.Problem, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Problem, StringComparison.Ordinal);
        Assert.Equal("\"cam0\"", ex.Place);
    }

    [Fact]
    public void FourDAssociation_TranslationOf1e300_IsRejected()
    {
        var ex = ReadFails($$$"""{"cam0": {"K": {{{K}}}, "RT": [1, 0, 0, 1e300, 0, 1, 0, 0, 0, 0, 1, 3], "imgSize": [1000, 800]}}""");

        Assert.Contains("camera 'cam0': translation (1e+303, 0, 3000) mm is outside the plausible range", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1e308, 0, 0, 0, 0]", "distortion k1 = 1e+308 is outside the plausible range (|k1| <= 10000)")]
    [InlineData("[0, 0, 0.5, 250, 0]", "distortion p2 = 250 is outside the plausible range (|p2| <= 100)")]
    [InlineData("[0.1, 0.01, 0]", "the distortion vector has 3 value(s); OpenCV defines 0, 4, 5, 8, 12, 14")]
    [InlineData("[0.1, 0.01, 0, 0, 0, 0]", "the distortion vector has 6 value(s)")]
    public void FourDAssociation_ImplausibleDistortion_IsRejected(string dist, string expected)
    {
        var ex = ReadFails($$$"""{"cam0": {"K": {{{K}}}, "RT": {{{RT}}}, "imgSize": [1000, 800], "distCoeff": {{{dist}}}}}""");

        Assert.Contains(expected, ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[0.1, 0.01, 0, 0]")]
    [InlineData("[0.1, 0.01, 0, 0, 0.001]")]
    [InlineData("[0.1, 0.01, 0, 0, 0.001, 0.5, 0.01, 0.001]")]
    [InlineData("[0.1, 0.01, 0, 0, 0.001, 0.5, 0.01, 0.001, 0, 0, 0, 0]")]
    public void FourDAssociation_OpenCvLengths_AreAccepted(string dist)
    {
        var path = Write($$$"""{"cam0": {"K": {{{K}}}, "RT": {{{RT}}}, "imgSize": [1000, 800], "distCoeff": {{{dist}}}}}""");

        Assert.Equal(0.1, CalibrationReader.Read(path)["cam0"].Distortion.K1);
    }

    [Fact]
    public void FourDAssociation_ImageSideAbove100000_IsRejected()
    {
        var ex = ReadFails($$$"""{"cam0": {"K": {{{K}}}, "RT": {{{RT}}}, "imgSize": [1000000, 800]}}""");

        Assert.Contains("image size 1000000x800 is outside the plausible range", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FourDAssociation_RotationNotOrthonormal_IsRejected()
    {
        var ex = ReadFails($$$"""{"cam0": {"K": {{{K}}}, "RT": [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3], "imgSize": [1000, 800]}}""");

        Assert.Contains("R is not a rotation matrix", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FourDAssociation_RTAndRPlusTThatDisagree_RTIsUsedAndRPlusTIgnored()
    {
        // Decided and documented (docs/input-ranges.md): RT wins; R and T beside it are not read at all.
        var path = Write($$$"""{"cam0": {"K": {{{K}}}, "RT": {{{RT}}}, "R": [0, 0, 0], "T": [9, 9, 9], "imgSize": [1000, 800]}}""");

        var cam = CalibrationReader.Read(path)["cam0"];

        Assert.Equal(3000, cam.Translation.Z);
        Assert.Equal(0, cam.Translation.X);
    }

    [Fact]
    public void PanopticDistortionOfLength3_IsRejectedAtTheCamera()
    {
        var path = Write("""
            {"cameras": [{"name": "00_00", "type": "hd", "resolution": [1920, 1080], "K": [[1400, 0, 960], [0, 1400, 540], [0, 0, 1]],
              "distCoef": [0.1, 0.2, 0.3], "R": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "t": [[0], [0], [300]]}]}
            """);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Contains("camera '00_00': the distortion vector has 3 value(s)", ex.Problem, StringComparison.Ordinal);
        Assert.Equal("cameras[0]", ex.Place);
    }

    [Fact]
    public void JsonWithComments_IsAcceptedOnPurpose()
    {
        var path = Write($$$"""
            // exported by hand
            {"cam0": {"K": {{{K}}}, /* metres */ "RT": {{{RT}}}, "imgSize": [1000, 800]}}
            """);

        Assert.Equal(3000, CalibrationReader.Read(path)["cam0"].Translation.Z);
    }

    private static PolyposeFormatException ReadFails(string json)
    {
        var path = Write(json);
        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static string Write(string json)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration.json");
        File.WriteAllText(path, json);
        return path;
    }
}
