using System.CommandLine;

namespace Polypose.Cli.Commands;

/// <summary>The CLI's verbs, in help order.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates every top-level command.</summary>
    public static IEnumerable<Command> Create()
    {
        yield return Demo.DemoCommand.Create();
        yield return Reconstruct.ReconstructCommand.Create();
        yield return Eval.EvalCommand.Create();
        yield return Synth.SynthCommand.Create();
        yield return View.ViewCommand.Create();
        yield return Serve.ServeCommand.Create();
        yield return CheckCalib.CheckCalibCommand.Create();
        yield return Export.ExportCommand.Create();
        yield return Track.TrackCommand.Create();
        yield return Filter.FilterCommand.Create();
        yield return Detect.DetectCommand.Create();
        yield return Video.VideoCommand.Create();
        yield return Models.ModelsCommand.Create();
        yield return Train.TrainCommand.Create();
    }
}
