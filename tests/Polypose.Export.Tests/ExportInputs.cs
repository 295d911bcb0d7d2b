using Polypose.Testing;

namespace Polypose.Export.Tests;

/// <summary>
/// The pose files the export tests read, each made once per test run by the real CLI: a Shelf reconstruction
/// (<c>polypose reconstruct</c> on ../shared/data/shelf) and a synthetic scene (<c>polypose synth</c>: its ground truth
/// and its reconstruction).
/// </summary>
internal static class ExportInputs
{
    private static readonly Lazy<string> Root = new(RepoPaths.NewTempDir);
    private static readonly Lazy<string> ShelfPoses = new(MakeShelf);
    private static readonly Lazy<(string Truth, string Reconstruction)> Synthetic = new(MakeSynthetic);

    /// <summary>Shelf frames 300-600 reconstructed (BODY25, per-frame ids); needs ../shared/data.</summary>
    public static string Shelf => ShelfPoses.Value;

    /// <summary>Ground truth of a 3-person, 4-camera, 45-frame synthetic scene (BODY25, rigid bones).</summary>
    public static string SyntheticTruth => Synthetic.Value.Truth;

    /// <summary>The reconstruction of that synthetic scene.</summary>
    public static string SyntheticReconstruction => Synthetic.Value.Reconstruction;

    /// <summary>A fresh folder for one test's outputs.</summary>
    public static string NewOutputDir() => RepoPaths.NewTempDir();

    private static string MakeShelf()
    {
        var output = Path.Combine(Root.Value, "shelf.json");
        var r = CliProcess.Polypose("reconstruct", "--calib", SharedData.Path("shelf", "calibration.json"), "--detections", SharedData.Path("shelf", "detection"), "--first-frame", "300", "--out", output);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return output;
    }

    private static (string, string) MakeSynthetic()
    {
        var dir = Path.Combine(Root.Value, "synth");
        var s = CliProcess.Polypose("synth", "--rig", "corners:4", "--people", "3", "--frames", "45", "--seed", "5", "--out", dir);
        Assert.True(s.ExitCode == 0, s.StdErr);
        var reconstruction = Path.Combine(Root.Value, "synth-reconstruction.json");
        var r = CliProcess.Polypose("reconstruct", "--calib", Path.Combine(dir, "calibration.json"), "--detections", Path.Combine(dir, "detections"), "--out", reconstruction);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return (Path.Combine(dir, "gt.json"), reconstruction);
    }
}
