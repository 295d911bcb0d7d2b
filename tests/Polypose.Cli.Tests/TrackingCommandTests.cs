using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>Tracking and filtering from the command line: reconstruct (tracked by default), track, filter, eval's tracking metrics.</summary>
public sealed class TrackingCommandTests
{
    private static readonly Lazy<(string Dir, string Pred, string Gt)> Scene = new(() =>
    {
        var dir = RepoPaths.NewTempDir();
        var synth = CliProcess.Run("synth", "--people", "8", "--frames", "150", "--seed", "5", "--out", dir);
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        var pred = Path.Combine(dir, "pred.json");
        var run = CliProcess.Run("reconstruct", "--calib", Path.Combine(dir, "calibration.json"), "--detections", Path.Combine(dir, "detections"), "--fps", "30", "--out", pred);
        Assert.True(run.ExitCode == 0, run.StdErr);
        return (dir, pred, Path.Combine(dir, "gt.json"));
    });

    private static JsonElement Eval(string pred, string gt, params string[] extra)
    {
        var eval = CliProcess.Run(["eval", "--pred", pred, "--gt", gt, "--json", .. extra]);
        Assert.True(eval.ExitCode == 0, eval.StdErr);
        using var doc = JsonDocument.Parse(eval.StdOut);
        return doc.RootElement.GetProperty("summary").Clone();
    }

    private static void AssertUserError(CliProcess.Result result, string output, params string[] mustMention)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        foreach (var text in mustMention)
        {
            Assert.Contains(text, result.StdErr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reconstruct_TracksIdsByDefault_Idf1AtLeast95OnEightPeople()
    {
        var (dir, pred, gt) = Scene.Value;
        var tracked = Eval(pred, gt).GetProperty("tracking");
        Assert.True(tracked.GetProperty("idf1").GetDouble() >= 0.95, tracked.GetRawText());

        // The same reconstruction with per-frame ids scores far worse: the metric sees identities.
        var perFrame = Path.Combine(dir, "per-frame.json");
        var run = CliProcess.Run("reconstruct", "--calib", Path.Combine(dir, "calibration.json"), "--detections", Path.Combine(dir, "detections"), "--no-track", "--out", perFrame);
        Assert.True(run.ExitCode == 0, run.StdErr);
        var untracked = Eval(perFrame, gt).GetProperty("tracking");
        Assert.True(untracked.GetProperty("idf1").GetDouble() < 0.8, untracked.GetRawText());
        Assert.True(untracked.GetProperty("idSwitches").GetInt32() > 20, untracked.GetRawText());
    }

    [Fact]
    public void Track_GivesTheSameIdsAsReconstruct()
    {
        var (dir, pred, _) = Scene.Value;
        var retracked = Path.Combine(dir, "retracked.json");
        var run = CliProcess.Run("track", "--poses", pred, "--out", retracked, "--quiet");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Equal("", run.StdErr);
        static IEnumerable<int> Ids(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return [.. doc.RootElement.GetProperty("frames").EnumerateArray().SelectMany(f => f.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()))];
        }

        Assert.Equal(Ids(pred), Ids(retracked));
    }

    [Fact]
    public void Filter_ButterworthLowersMpjpeAndKeepsTheFrameRate()
    {
        var (dir, pred, gt) = Scene.Value;
        var smoothed = Path.Combine(dir, "smoothed.json");
        var run = CliProcess.Run("filter", "--poses", pred, "--out", smoothed, "--filter", "hampel:halfwidth=3,sigmas=3", "--filter", "fill:method=cubic,maxgap=10", "--filter", "butterworth:order=4,cutoff=6");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("\"fps\": 30", File.ReadAllText(smoothed), StringComparison.Ordinal);
        var before = Eval(pred, gt).GetProperty("pose").GetProperty("mpjpe").GetDouble();
        var after = Eval(smoothed, gt).GetProperty("pose").GetProperty("mpjpe").GetDouble();
        Assert.True(after < 0.9 * before, $"MPJPE {before:F1} -> {after:F1} mm");
    }

    [Fact]
    public void Filter_BadSpecsAndMissingFrameRateAreOneLineErrors()
    {
        var (dir, pred, _) = Scene.Value;
        var output = Path.Combine(dir, "never.json");
        AssertUserError(CliProcess.Run("filter", "--poses", pred, "--out", output, "--filter", "wobble"), output, "unknown filter 'wobble'");
        AssertUserError(CliProcess.Run("filter", "--poses", pred, "--out", output, "--filter", "butterworth:order=x"), output, "order must be an integer");
        AssertUserError(CliProcess.Run("filter", "--poses", pred, "--out", output, "--filter", "butterworth:cutoff=20"), output, "cut-off");
        AssertUserError(CliProcess.Run("filter", "--poses", pred, "--out", output, "--filter", "hampel:halfwidth=0"), output, "HalfWidth");

        var noFps = Path.Combine(dir, "no-fps.json");
        File.WriteAllText(noFps, File.ReadAllText(pred).Replace("\"fps\": 30,", "", StringComparison.Ordinal));
        AssertUserError(CliProcess.Run("filter", "--poses", noFps, "--out", output, "--filter", "butterworth"), output, "--fps");
        AssertUserError(CliProcess.Run("reconstruct", "--calib", Path.Combine(dir, "calibration.json"), "--detections", Path.Combine(dir, "detections"), "--filter", "butterworth", "--out", output), output, "--fps");
    }

    [SharedDataFact]
    public void Shelf_TrackedReconstruction_AtMostTwoIdSwitchesOverActors1To3()
    {
        var dir = RepoPaths.NewTempDir();
        var shelf = SharedData.Path("shelf");
        var pred = Path.Combine(dir, "shelf.json");
        var run = CliProcess.Run("reconstruct", "--calib", Path.Combine(shelf, "calibration.json"), "--detections", Path.Combine(shelf, "detection"), "--first-frame", "300", "--out", pred);
        Assert.True(run.ExitCode == 0, run.StdErr);
        var tracking = Eval(pred, Path.Combine(shelf, "gt.txt"), "--first-frame", "300").GetProperty("tracking");
        var switches = tracking.GetProperty("people").EnumerateArray()
            .Where(p => p.GetProperty("gtId").GetInt32() is >= 0 and <= 2)
            .Sum(p => p.GetProperty("idSwitches").GetInt32());
        Assert.True(switches <= 2, tracking.GetRawText());
    }
}
