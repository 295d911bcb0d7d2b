using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Options;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction.Input;
using Spectre.Console;

namespace Polypose.Cli.Commands.Reconstruct;

/// <summary><c>polypose reconstruct</c>: calibrated cameras + per-view 2D detections in, 3D people (JSON) out.</summary>
internal static class ReconstructCommand
{
    public static Command Create()
    {
        var calib = SharedOptions.Calibration(
            "Calibration file or folder (Polypose JSON, 4D Association JSON, VoxelPose JSON, CMU Panoptic JSON, EasyMocap intri.yml+extri.yml, Pose2Sim/AniPose TOML; detected from content).");
        var detections = new Option<string>("--detections", "-d")
        {
            Description = "4D Association detection folder (<camera>.txt), or a folder with one sub-folder of per-frame OpenPose JSON (or a COCO keypoint result JSON) per camera.",
            Required = true,
        };
        var output = new Option<string>("--out", "-o") { Description = "Output 3D poses JSON (docs/pose3d-format.md); written atomically.", Required = true };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first frame for formats without frame numbers (4D Association text; Shelf test set: 300).");
        var threads = SharedOptions.Threads("Worker threads (default: all cores).");
        var noTrack = new Option<bool>("--no-track") { Description = "Keep per-frame ids (0.. in each frame) instead of the tracked ids written by default." };
        var fps = Filter.SequenceOptions.FpsOption("Frame rate of the detections: used by tracking (default 30) and required by --filter; written to the output when given.");
        var maxLost = Filter.SequenceOptions.MaxLostOption();
        var filters = Filter.SequenceOptions.FilterOption();
        var model = new Option<string?>("--model") { Description = "DisPOSE Stage I model file (polypose train): learned association and roots instead of the teacher's; the body is triangulated and rectified as usual." };
        var command = new Command("reconstruct", "Associate 2D detections across views and triangulate 3D people; ids are tracked over the sequence (stable per person) unless --no-track; optional --filter steps.")
        {
            calib, detections, output, firstFrame, threads, noTrack, fps, maxLost, filters, model,
        };
        command.SetAction(parse =>
        {
            var threadCount = parse.GetValue(threads);
            var (steps, rate) = Filter.SequenceOptions.ForReconstruct(!parse.GetValue(noTrack), parse.GetValue(maxLost), parse.GetValue(filters), parse.GetValue(fps));
            var input = ReconstructionInput.Load(parse.GetValue(calib)!, parse.GetValue(detections)!, parse.GetValue(firstFrame));
            var watch = Stopwatch.StartNew();
            var modelPath = parse.GetValue(model);
            var frames = modelPath is null ? input.Reconstruct(threadCount) : ReconstructWithModel(input, modelPath, threadCount);
            var seconds = watch.Elapsed.TotalSeconds;
            frames = [.. Filter.SequenceOptions.Run(steps, frames, quiet: false)];
            var outPath = parse.GetValue(output)!;
            Poses3DJson.Write(outPath, input.Skeleton, frames, input.Rig.Names, rate);
            var people = frames.Sum(f => f.People.Count);
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.MarkupLine($"[green]wrote[/] {Markup.Escape(outPath)}: {frames.Count} frames, {people} people ({(double)people / Math.Max(1, frames.Count):F2}/frame), {input.Rig.Count} views, {frames.Count / Math.Max(seconds, 1e-9):F0} frames/s on {threadCount} thread(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<Core.Poses.Frame3D> ReconstructWithModel(ReconstructionInput input, string path, int threads)
    {
        var model = Learning.Stage1Model.Load(path);
        return input.Reconstruct(threads, () => new Reconstruction.MultiViewReconstructor(null, new Learning.Stage1CrossViewAssigner(model)));
    }
}
