using System.Text.Json.Nodes;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary><c>eval</c> never scores silently what it cannot match: wrong folders, disjoint frames, duplicates, absurd numbers.</summary>
public sealed class EvalSafetyTests
{
    private static readonly Lazy<string> Scene = new(() =>
    {
        var dir = Path.Combine(RepoPaths.NewTempDir(), "scene");
        var r = CliProcess.Run("synth", "--rig", "ring:2", "--people", "1", "--frames", "4", "--out", dir);
        Assert.Equal(0, r.ExitCode);
        return dir;
    });

    private static string Gt => Path.Combine(Scene.Value, "gt.json");

    private static string Variant(Action<JsonObject> change)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Gt))!.AsObject();
        change(doc);
        var path = Path.Combine(RepoPaths.NewTempDir(), "pred.json");
        File.WriteAllText(path, doc.ToJsonString());
        return path;
    }

    private static void AssertOneLineError(CliProcess.Result r, params string[] mention)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var m in mention)
        {
            Assert.Contains(m, lines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Eval_PredIsAFolderWithoutPoseFiles_IsRefusedNamingIt()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not poses");
        AssertOneLineError(CliProcess.Run("eval", "--pred", dir, "--gt", Gt), dir, "no *.json frame files");
    }

    [Fact]
    public void Eval_FramesThatDoNotOverlap_AreRefusedWithBothRanges()
    {
        var pred = Variant(d =>
        {
            foreach (var f in d["frames"]!.AsArray())
            {
                f!["frame"] = f["frame"]!.GetValue<int>() + 1000;
            }
        });
        AssertOneLineError(CliProcess.Run("eval", "--pred", pred, "--gt", Gt), pred, "1000-1003 vs 0-3");
    }

    [Fact]
    public void Eval_MatchingFrames_PrintsHowManyWereMatched()
    {
        var r = CliProcess.Run("eval", "--pred", Gt, "--gt", Gt, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("matched 4 frames: 4 prediction frames (0-3)", r.StdErr, StringComparison.Ordinal);
        var frames = JsonNode.Parse(r.StdOut)!["summary"]!["frames"]!;
        Assert.Equal(4, frames["matched"]!.GetValue<int>());
    }

    [Fact]
    public void Eval_HalfTheGroundTruthFramesMissing_WarnsLoudly()
    {
        var pred = Variant(d => d["frames"] = new JsonArray(d["frames"]!.AsArray()[0]!.DeepClone()));
        var r = CliProcess.Run("eval", "--pred", pred, "--gt", Gt);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: only 1 of 4 ground-truth frames have predictions", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_DuplicateFrameNumber_IsRefusedWithThePlace()
    {
        var pred = Variant(d => d["frames"]!.AsArray()[1]!["frame"] = 0);
        AssertOneLineError(CliProcess.Run("eval", "--pred", pred, "--gt", Gt), pred, "frame number 0 appears more than once", "frames[1].frame");
    }

    [Fact]
    public void Eval_CoordinateOf1e308_IsRefusedWithThePlace()
    {
        var pred = Variant(d => d["frames"]!.AsArray()[0]!["people"]!.AsArray()[0]!["joints"]!.AsArray()[1]!.AsArray()[2] = 1e308);
        AssertOneLineError(CliProcess.Run("eval", "--pred", pred, "--gt", Gt), pred, "frames[0].people[0].joints[1][2]", "1E+308");
    }

    [Fact]
    public void Eval_CyclicParents_AreRefused()
    {
        var pred = Variant(d =>
        {
            var n = d["joints"]!.AsArray().Count;
            d["skeleton"] = "custom";
            var parents = new JsonArray(1, 0);
            for (var i = 2; i < n; i++)
            {
                parents.Add(0);
            }

            d["parents"] = parents;
        });
        AssertOneLineError(CliProcess.Run("eval", "--pred", pred, "--gt", Gt), pred, "cycle", "parents");
    }
}
