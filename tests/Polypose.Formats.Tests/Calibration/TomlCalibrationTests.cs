using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class TomlCalibrationTests
{
    // The values table of formats.md ("Pose2Sim / AniPose calibration"), written in the Pose2Sim layout, plus the
    // extra tables Caliscope files carry.
    private const string Pose2SimDemo = """
        # Calib_qualisys.toml, as Pose2Sim writes it
        [cam01]
        name = "cam01"
        size = [ 1088.0, 1920.0]
        matrix = [ [ 1681.245, 0.0, 532.974], [ 0.0, 1681.075, 948.137], [ 0.0, 0.0, 1.0]]
        distortions = [ -7.216e-4, 2.187e-3, 9.5e-6, 1.08e-5]
        rotation = [ 1.68828, 1.04832, -0.41956]
        translation = [ 0.32110, 0.95633, 2.89071]
        fisheye = false

        [cam02]
        name = "cam02"
        size = [ 1088.0, 1920.0]
        matrix = [ [ 1673.730, 0.0, 534.495], [ 0.0, 1673.797, 963.226], [ 0.0, 0.0, 1.0]]
        distortions = [ -7.476e-4, 2.137e-3, 1.52e-5, 4.5e-6]
        rotation = [ 1.34976, 1.59638, -1.19833]
        translation = [ -0.11153, 0.77662, 3.06755]
        fisheye = false

        [cam03]
        name = "cam03"
        size = [ 1088.0, 1920.0]
        matrix = [ [ 1681.598, 0.0, 513.208],
                   [ 0.0, 1681.510, 955.005],   # multi-line arrays and comments are fine
                   [ 0.0, 0.0, 1.0], ]
        distortions = [ -7.298e-4, 2.150e-3, -8.5e-6, -8.1e-6]
        rotation = [ 0.81097, -2.19721, 1.37603]
        translation = [ -0.79348, 0.32284, 4.35351]
        fisheye = false

        [cam04]
        name = 'cam04'
        size = [ 1088, 1920]
        matrix = [ [ 1675.235, 0.0, 540.106], [ 0.0, 1675.204, 964.030], [ 0.0, 0.0, 1.0]]
        distortions = [ -7.443e-4, 2.104e-3, 4.3e-6, 3.1e-6]
        rotation = [ 1.40456, -1.38874, 0.42536]
        translation = [ 0.50302, 0.04895, 4.40656]
        fisheye = false

        [charuco]
        columns = 4
        board_name = "charuco \"4x5\""
        inverted = false

        [capture_volume]
        origin = { x = 0.0, y = 0.0 }

        [metadata]
        adjusted = false
        error = 0.0
        """;

    [Fact]
    public void Read_Pose2SimValuesTable_GivesDocumentedCameras()
    {
        var path = Write(Pose2SimDemo);

        var rig = CalibrationReader.Read(path);

        Assert.Equal(CalibrationFormat.Toml, CalibrationReader.DetectFormat(path));
        Assert.Equal(["cam01", "cam02", "cam03", "cam04"], rig.Names);
        var c1 = rig["cam01"];
        Assert.Equal((1088, 1920), (c1.Width, c1.Height));
        Assert.Equal(1681.245, c1.Intrinsics.Fx);
        Assert.Equal(1681.075, c1.Intrinsics.Fy);
        Assert.Equal(948.137, c1.Intrinsics.Cy);
        Assert.Equal(-7.216e-4, c1.Distortion.K1);
        Assert.Equal(1.08e-5, c1.Distortion.P2);
        AssertClose(new Vec3(1.68828, 1.04832, -0.41956), c1.Rotation.ToRodrigues(), 1e-12);
        AssertClose(new Vec3(321.10, 956.33, 2890.71), c1.Translation, 1e-9);
        Assert.Equal(1675.235, rig["cam04"].Intrinsics.Fx);
        AssertClose(new Vec3(0.81097, -2.19721, 1.37603), rig["cam03"].Rotation.ToRodrigues(), 1e-12);
        AssertClose(new Vec3(503.02, 48.95, 4406.56), rig["cam04"].Translation, 1e-9);
    }

    [Fact]
    public void Read_Pose2SimValuesTable_CamerasFaceACommonCaptureArea()
    {
        var rig = CalibrationReader.Read(Write(Pose2SimDemo));

        // Each translation is the world origin in camera coordinates: 2.9–4.4 m straight ahead, so the origin (the
        // calibration board) projects inside every portrait image.
        foreach (var cam in rig)
        {
            var p = cam.Project(Vec3.Zero);
            Assert.True(p.InFront && p.InImage, $"{cam.Name}: origin at {p.Pixel}");
        }
    }

    [Theory]
    [InlineData("[cam01]\nname = \"cam01\"\nsize = [ 1088.0, 1920.0]\nmatrix = [ [1, 0, 0], [0, 1, 0] [0, 0, 1]]\n", 4, "','")]
    [InlineData("[cam01]\nname = \"cam01\"\nsize = [ 1088.0 1920.0]\n", 3, "','")]
    [InlineData("[cam01]\nname = cam01\n", 2, "cam01")]
    [InlineData("[cam01]\nname = \"cam01\nsize = [1, 2]\n", 2, "unterminated string")]
    [InlineData("[cam01]\nname = \"a\" extra\n", 2, "end of the line")]
    [InlineData("[cam01]\nname = \"a\"\nname = \"b\"\n", 3, "twice")]
    [InlineData("[[cam01]]\nname = \"a\"\n", 1, "arrays of tables")]
    [InlineData("[cam01]\nrotation = [ nan, 0.0, 0.0]\nmatrix = [[1.0,0,1],[0,1.0,1],[0,0,1]]\ntranslation = [0, 0, 1]\nsize = [10, 10]\n", 2, "non-finite")]
    public void Read_BadTomlLine_ThrowsWithLineAndColumn(string toml, int line, string expectedText)
    {
        var path = Write(toml);

        var ex = Assert.Throws<PolyposeFormatException>(() => TomlCalibration.Read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(line, ex.Line);
        Assert.NotNull(ex.Column);
        Assert.Contains(expectedText, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CameraWithoutTranslation_NamesTableAndKey()
    {
        var path = Write("[cam07]\nsize = [10.0, 10.0]\nmatrix = [[1.0,0,1],[0,1.0,1],[0,0,1]]\nrotation = [0.0, 0.0, 0.0]\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Contains("translation", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.Equal("[cam07]", ex.Place);
    }

    [Fact]
    public void Read_FisheyeCamera_IsRefused()
    {
        var path = Write(Pose2SimDemo.Replace("fisheye = false", "fisheye = true", StringComparison.Ordinal));

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Contains("fisheye", ex.Message, StringComparison.Ordinal);
        Assert.Equal(9, ex.Line);
    }

    private static string Write(string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "Calib.toml");
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertClose(Vec3 expected, Vec3 actual, double tolerance) =>
        Assert.True(Vec3.Distance(expected, actual) <= tolerance * Math.Max(1, expected.Length), $"expected {expected}, got {actual}");
}
