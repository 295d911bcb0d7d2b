using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// The real CLI on calibrations as users have them: EasyMocap without H_/W_, a 520-camera CMU Panoptic file with
/// detections for 5, YAML syntax errors, and a camera that contributes to nobody (issue 12, items 3 and 5).
/// </summary>
public sealed class CalibrationsAsUsersHaveThemTests
{
    [SharedDataFact]
    public void Reconstruct_Panoptic520Cameras_UsesTheFiveWithDetectionsAndSaysWhichInOneLine()
    {
        var dir = RepoPaths.NewTempDir();
        var output = Path.Combine(dir, "out.json");

        var result = CliProcess.Run("reconstruct", "-c", PanopticDetectionSet.CalibrationPath, "-d", PanopticDetectionSet.Write(), "-o", output, "-j", "1");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var line = Assert.Single(result.StdErr.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("using ", StringComparison.Ordinal));
        Assert.StartsWith("using the 5 of 520 calibration cameras that have detections: 00_03, 00_06, 00_12, 00_13, 00_23 (no detections for ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(PanopticDetectionSet.Cmu0, Poses3DJson.Read(output).CameraNames);
    }

    [SharedDataFact]
    public void Reconstruct_EasyMocapWithoutHW_AssumesSizesFromThePrincipalPointWithOneWarning()
    {
        var calib = EasyMocapWithoutSizes();
        var output = Path.Combine(RepoPaths.NewTempDir(), "out.json");

        var result = CliProcess.Run("reconstruct", "-c", calib, "-d", PanopticDetectionSet.Write(), "-o", output, "-j", "1");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var warnings = result.StdErr.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.StartsWith("warning: the calibration gives no image size for cameras 00_03 ", warning, StringComparison.Ordinal);
        Assert.Contains("assuming 2*cx x 2*cy from the principal point", warning, StringComparison.Ordinal);
        Assert.Contains("--image-size", warning, StringComparison.Ordinal);
        Assert.Equal(20, Poses3DJson.Read(output).Frames.Count);
    }

    [SharedDataFact]
    public void Reconstruct_EasyMocapWithoutHW_AndImageSize_UsesItWithoutWarning()
    {
        var calib = EasyMocapWithoutSizes();

        var result = CliProcess.Run("check-calib", "-c", calib, "--image-size", "1920x1080");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.DoesNotContain("warning", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("00_23", result.StdOut, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Reconstruct_CameraThatContributesToNobody_IsNamedInOneWarning()
    {
        // Camera 00_00's folder holds 00_03's detections: a mix-up of folders, so its views fit nobody.
        var detections = PanopticDetectionSet.Write();
        var wrong = Path.Combine(detections, "00_00");
        Directory.CreateDirectory(wrong);
        foreach (var f in Directory.GetFiles(Path.Combine(detections, "00_03")))
        {
            File.Copy(f, Path.Combine(wrong, Path.GetFileName(f).Replace("00_03_", "00_00_", StringComparison.Ordinal)));
        }

        var result = CliProcess.Run("reconstruct", "-c", PanopticDetectionSet.CalibrationPath, "-d", detections, "-o", Path.Combine(RepoPaths.NewTempDir(), "o.json"), "-j", "1");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var warning = Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.StartsWith("warning: camera 00_00 contributed to no reconstructed person over the 20 frames (60 detection(s) in it)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstruct_MalformedImageSize_IsOneLineExit2BeforeAnyFileIsRead()
    {
        var result = CliProcess.Run("reconstruct", "-c", "nope.json", "-d", "nope", "-o", "o.json", "--image-size", "cam1=1920x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --image-size: expected WxH or NAME=WxH in pixels (e.g. 1920x1080 or cam1=1920x1080), got 'cam1=1920x'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("nope.json", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCalib_EasyMocapUnclosedBracket_GivesFileLineColumnInOneLine()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "intri.yml"), "%YAML:1.0\n---\nnames:\n   - \"1\"\nK_1: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n   data: [ 1., 0., 0., 0., 1., 0., 0., 0., 1.\n");
        File.WriteAllText(Path.Combine(dir, "extri.yml"), "%YAML:1.0\n---\nnames:\n   - \"1\"\n");

        var result = CliProcess.Run("check-calib", "-c", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.Combine(dir, "intri.yml")}:9:10: YAML syntax error: '[' is never closed (expected ']' at the end of the list, e.g. data: [ 1, 2, 3 ])\n", result.StdErr.ReplaceLineEndings("\n"));
    }

    private static string EasyMocapWithoutSizes()
    {
        var rig = CalibrationReader.Read(PanopticDetectionSet.CalibrationPath).Subset(PanopticDetectionSet.Cmu0);
        var dir = RepoPaths.NewTempDir();
        EasyMocapCalibration.Write(rig, dir);
        var intri = Path.Combine(dir, EasyMocapCalibration.IntrinsicsFile);
        File.WriteAllLines(intri, File.ReadAllLines(intri).Where(l => !l.StartsWith("H_", StringComparison.Ordinal) && !l.StartsWith("W_", StringComparison.Ordinal)));
        return dir;
    }
}
