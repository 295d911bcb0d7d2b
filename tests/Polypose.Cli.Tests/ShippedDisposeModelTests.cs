using System.Globalization;
using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// The shipped full DisPOSE model through the real CLI: <c>reconstruct --model dispose-cpu</c> (the shipped name,
/// resolved to models/dispose-cpu.safetensors from outside the repository folder) on the whole Shelf test split, scored by
/// <c>eval --pred</c>, gives the PCP documented in models/dispose-cpu.md and BENCHMARKS.md ("DisPOSE full model").
/// </summary>
public sealed class ShippedDisposeModelTests
{
    /// <summary>Documented Shelf PCP of models/dispose-cpu.safetensors, VoxelPose protocol, actors 1-3 (%).</summary>
    private const double DocumentedPcpVoxelPose = 83.8;

    /// <summary>Documented Shelf PCP of the same output, 4D Association protocol (%).</summary>
    private const double DocumentedPcpFourDAssociation = 83.8;

    [SharedDataFact]
    public void ReconstructWithShippedDisposeModel_Shelf301Frames_GivesTheDocumentedPcp()
    {
        var shelf = SharedData.Path("shelf");
        var dir = RepoPaths.NewTempDir();
        var output = Path.Combine(dir, "dispose-cpu.json");

        var run = CliProcess.RunIn(dir, "reconstruct", "--calib", Path.Combine(shelf, "calibration.json"), "-d", Path.Combine(shelf, "detection"), "--first-frame", "300", "--threads", "2", "--model", "dispose-cpu", "-o", output);
        Assert.True(run.ExitCode == 0, run.StdErr);
        var eval = CliProcess.Run("eval", "--pred", output, "--gt", Path.Combine(shelf, "gt.txt"), "--first-frame", "300", "--json");
        Assert.True(eval.ExitCode == 0, eval.StdErr);

        using var doc = JsonDocument.Parse(eval.StdOut);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(301, summary.GetProperty("frames").GetProperty("matched").GetInt32());
        Assert.Equal(DocumentedPcpVoxelPose.ToString("F1", CultureInfo.InvariantCulture), Percent(summary.GetProperty("pcpVoxelPose")));
        Assert.Equal(DocumentedPcpFourDAssociation.ToString("F1", CultureInfo.InvariantCulture), Percent(summary.GetProperty("pcpFourDAssociation")));
    }

    [Fact]
    public void ReconstructWithAnUnknownModelName_SaysSoInOneLineAndNamesTheShippedModels()
    {
        var dir = RepoPaths.NewTempDir();
        var run = CliProcess.RunIn(dir, "reconstruct", "--calib", Path.Combine(dir, "none.json"), "-d", dir, "--model", "no-such-model", "-o", Path.Combine(dir, "out.json"));
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --model no-such-model: no such model file, nor a shipped model of that name (shipped: ", line, StringComparison.Ordinal);
        Assert.Contains("dispose-cpu", line, StringComparison.Ordinal);
        Assert.Contains("stage1-cpu", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out.json")));
    }

    private static string Percent(JsonElement pcp) => (100 * pcp.GetProperty("average").GetDouble()).ToString("F1", CultureInfo.InvariantCulture);
}
