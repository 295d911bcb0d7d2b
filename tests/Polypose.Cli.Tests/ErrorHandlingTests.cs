using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>Every user error: one clear message naming the file and the problem, exit code 2, no stack trace, no output file.</summary>
public sealed class ErrorHandlingTests
{
    private static void AssertUserError(CliProcess.Result result, params string[] mustMention)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StdErr, StringComparison.Ordinal);
        foreach (var text in mustMention)
        {
            Assert.Contains(text, result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reconstruct_MissingCalibration_NamesTheFileAndSaysItIsMissing()
    {
        var dir = RepoPaths.NewTempDir();
        var missing = Path.Combine(dir, "nope.json");
        var output = Path.Combine(dir, "out.json");
        var result = CliProcess.Run("reconstruct", "--calib", missing, "--detections", dir, "--out", output);
        AssertUserError(result, $"calibration not found: {missing}");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reconstruct_MalformedCalibrationJson_GivesFileLineColumnAndProblemAndKeepsOldOutput()
    {
        var dir = RepoPaths.NewTempDir();
        var calib = Path.Combine(dir, "calib.json");
        File.WriteAllText(calib, "{\n  \"0\": {\n    \"K\": [1, 0, 0,\n");
        var output = Path.Combine(dir, "out.json");
        File.WriteAllText(output, "previous result");
        var result = CliProcess.Run("reconstruct", "--calib", calib, "--detections", dir, "--out", output);
        AssertUserError(result, $"{calib}:4:1: not valid JSON");
        Assert.Equal("previous result", File.ReadAllText(output));
    }

    [Fact]
    public void Reconstruct_NaNInCalibration_IsRejectedWithLineColumnAndReason()
    {
        var dir = RepoPaths.NewTempDir();
        var calib = Path.Combine(dir, "calib.json");
        File.WriteAllText(calib, """
            {"0": {"K": [1000, 0, 500, 0, 1000, 400, 0, 0, 1], "RT": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, NaN], "imgSize": [1000, 800]}}
            """);
        var result = CliProcess.Run("reconstruct", "--calib", calib, "--detections", dir, "--out", Path.Combine(dir, "o.json"));
        AssertUserError(result, $"{calib}:1:92: not valid JSON", "non-finite calibration values are rejected");
    }

    [Fact]
    public void Synth_UnknownRigKind_NamesTheKindAndListsTheKnownKinds()
    {
        var result = CliProcess.Run("synth", "--rig", "hexagon:5", "--out", RepoPaths.NewTempDir());
        AssertUserError(result, "unknown kind 'hexagon'", "expected one of ring, corners, ceiling, mixed, random");
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var result = CliProcess.Run("reconstruct", "--bogus");
        AssertUserError(result, "Unrecognized command or argument '--bogus'");
    }

    [SharedDataFact]
    public void Reconstruct_CalibrationCameraWithoutDetections_IsLeftOutAndNamed()
    {
        // A calibration with 5 cameras against a detection folder that lacks camera 4 (issue 12 item 3b: this used to be
        // refused; the cameras that have detections are now used, and one line names them and the one left out).
        var dir = RepoPaths.NewTempDir();
        var detections = Path.Combine(dir, "detection");
        Directory.CreateDirectory(detections);
        for (var c = 0; c < 4; c++)
        {
            File.Copy(SharedData.Path("shelf", "detection", $"{c}.txt"), Path.Combine(detections, $"{c}.txt"));
        }

        var result = CliProcess.Run("reconstruct", "--calib", SharedData.Path("shelf", "calibration.json"), "--detections", detections, "--out", Path.Combine(dir, "o.json"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("using the 4 of 5 calibration cameras that have detections: 0, 1, 2, 3 (no detections for 4)", result.StdErr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "o.json")));
    }
}
