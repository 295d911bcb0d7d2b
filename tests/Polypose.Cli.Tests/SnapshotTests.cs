using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// The CLI's text contract, compared exactly with files under Snapshots/: the help of the root and of every verb, and
/// the error lines of each verb (exit code 2, one message, no stack trace, no output file). Regenerate after an
/// intended change with tests/Polypose.Cli.Tests/update-snapshots.sh (POLYPOSE_UPDATE_SNAPSHOTS=1).
/// </summary>
public sealed class SnapshotTests
{
    // A valid one-camera 4D Association calibration, and a JSON file cut off in the middle of line 3.
    private const string Calibration = """
        {"0": {"K": [1000, 0, 500, 0, 1000, 400, 0, 0, 1], "RT": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5000], "imgSize": [1000, 800]}}
        """;

    private const string Truncated = "{\n  \"0\": {\n    \"K\": [1, 0, 0,\n";

    public static TheoryData<string, string[]> Help => new()
    {
        { "root", [] },
        { "demo", ["demo"] },
        { "reconstruct", ["reconstruct"] },
        { "eval", ["eval"] },
        { "eval-shelf", ["eval", "shelf"] },
        { "eval-stage1", ["eval", "stage1"] },
        { "synth", ["synth"] },
        { "view", ["view"] },
        { "serve", ["serve"] },
        { "check-calib", ["check-calib"] },
        { "export", ["export"] },
        { "track", ["track"] },
        { "filter", ["filter"] },
        { "detect", ["detect"] },
        { "models", ["models"] },
        { "train", ["train"] },
        { "video", ["video"] },
    };

    public static TheoryData<string, string[]> Errors => new()
    {
        { "root-unknown-command", ["bogus"] },
        { "root-unknown-option", ["--bogus"] },
        { "demo-frames-zero", ["demo", "--frames", "0"] },
        { "demo-people-too-many", ["demo", "--people", "13"] },
        { "demo-rig-too-few-cameras", ["demo", "--rig", "ring:1"] },
        { "reconstruct-missing-required", ["reconstruct"] },
        { "reconstruct-threads-zero", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json", "--threads", "0"] },
        { "reconstruct-first-frame-too-large", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json", "--first-frame", "2147483647"] },
        { "reconstruct-first-frame-not-an-integer", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json", "--first-frame", "1e3"] },
        { "reconstruct-image-size-malformed", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json", "--image-size", "1920"] },
        { "reconstruct-missing-calibration", ["reconstruct", "-c", "nope.json", "-d", "det", "-o", "out.json"] },
        { "reconstruct-truncated-calibration", ["reconstruct", "-c", "truncated.json", "-d", "det", "-o", "out.json"] },
        { "reconstruct-no-detections", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json"] },
        { "eval-no-arguments", ["eval"] },
        { "eval-missing-gt", ["eval", "--pred", "nope.json"] },
        { "eval-missing-prediction-file", ["eval", "--pred", "nope.json", "--gt", "nope.txt"] },
        { "eval-truncated-prediction", ["eval", "--pred", "truncated.json", "--gt", "truncated.json"] },
        { "eval-first-frame-negative", ["eval", "--pred", "truncated.json", "--gt", "truncated.json", "--first-frame", "-1"] },
        { "eval-shelf-missing-data", ["eval", "shelf"] },
        { "eval-shelf-no-such-folder", ["eval", "shelf", "--data", "nope"] },
        { "eval-shelf-threads-too-many", ["eval", "shelf", "--data", "nope", "-j", "5000"] },
        { "eval-stage1-unknown-set", ["eval", "stage1", "--sets", "rig6"] },
        { "eval-stage1-set-needs-data", ["eval", "stage1", "--sets", "rig3,shelf"] },
        { "eval-stage1-no-such-data-folder", ["eval", "stage1", "--data", "nope"] },
        { "eval-stage1-missing-model", ["eval", "stage1", "--model", "nope.safetensors"] },
        { "eval-stage1-frames-zero", ["eval", "stage1", "--frames", "0"] },
        { "synth-missing-out", ["synth"] },
        { "synth-people-zero", ["synth", "-n", "0", "-o", "scene"] },
        { "synth-unknown-rig", ["synth", "--rig", "hexagon:5", "-o", "scene"] },
        { "view-missing-required", ["view"] },
        { "view-missing-calibration", ["view", "-c", "nope.json", "-p", "poses.json", "-o", "figure.svg"] },
        { "view-truncated-poses", ["view", "-c", "calib.json", "-p", "truncated.json", "-o", "figure.svg"] },
        { "serve-missing-poses", ["serve"] },
        { "serve-truncated-poses", ["serve", "-p", "truncated.json"] },
        { "serve-detections-without-calibration", ["serve", "-p", "truncated.json", "-d", "det"] },
        { "check-calib-missing-calibration", ["check-calib", "-c", "nope.json"] },
        { "check-calib-threads-zero", ["check-calib", "-c", "calib.json", "-j", "0"] },
        { "export-unknown-format", ["export", "-p", "truncated.json", "-f", "fbx", "-o", "out.fbx"] },
        { "export-truncated-poses", ["export", "-p", "truncated.json", "-f", "csv", "-o", "out.csv", "--fps", "30"] },
        { "track-truncated-poses", ["track", "-p", "truncated.json", "-o", "out.json"] },
        { "filter-unknown-filter", ["filter", "-p", "truncated.json", "-o", "out.json", "--filter", "median"] },
        { "filter-truncated-poses", ["filter", "-p", "truncated.json", "-o", "out.json", "--fps", "30", "--filter", "butterworth:order=4,cutoff=6"] },
        { "detect-missing-images", ["detect", "-i", "nope", "-o", "dets"] },
        { "train-no-data", ["train", "-o", "run"] },
        { "train-missing-config-file", ["train", "-o", "run", "--synthetic", "1", "--config", "nope.json"] },
        { "train-negative-synthetic", ["train", "-o", "run", "--synthetic", "-1"] },
        { "train-missing-init-model", ["train", "-o", "run", "--synthetic", "1", "--init", "nope.safetensors"] },
        { "train-panoptic-not-a-sample", ["train", "-o", "run", "--panoptic", "."] },
        { "reconstruct-truncated-model", ["reconstruct", "-c", "calib.json", "-d", "det", "-o", "out.json", "--model", "truncated.json"] },
        { "detect-missing-videos", ["detect", "--videos", "nope", "-o", "dets"] },
        { "video-missing-required", ["video"] },
        { "video-bad-sync", ["video", "-c", "calib.json", "--videos", "nope", "-o", "poses.json", "--sync", "soon"] },
    };

    [Theory]
    [MemberData(nameof(Help))]
    public void Help_MatchesSnapshot(string name, string[] verb)
    {
        var result = CliProcess.Run([.. verb, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdErr);
        Snapshot.Matches(Path.Combine("help", name + ".txt"), result.StdOut);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Error_IsOneUsageExitWithTheSnapshotLines(string name, string[] args)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "calib.json"), Calibration);
        File.WriteAllText(Path.Combine(dir, "truncated.json"), Truncated);
        Directory.CreateDirectory(Path.Combine(dir, "det"));
        var before = Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var result = CliProcess.RunIn(dir, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList());
        Snapshot.Matches(Path.Combine("errors", name + ".txt"), $"$ polypose {string.Join(' ', args)}\n{result.StdErr}");
    }
}
