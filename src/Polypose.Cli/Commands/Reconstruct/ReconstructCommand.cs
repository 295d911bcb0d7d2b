using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Formats.Output;
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
        var imageSize = SharedOptions.ImageSize();
        var threads = SharedOptions.Threads("Worker threads (default: all cores).");
        var noTrack = new Option<bool>("--no-track") { Description = "Keep per-frame ids (0.. in each frame) instead of the tracked ids written by default." };
        var fps = Filter.SequenceOptions.FpsOption("Frame rate of the detections: used by tracking (default 30) and required by --filter; written to the output when given.");
        var maxLost = Filter.SequenceOptions.MaxLostOption();
        var filters = Filter.SequenceOptions.FilterOption();
        var model = new Option<string?>("--model") { Description = "DisPOSE model file (polypose train) or shipped model name (models/NAME.safetensors, e.g. dispose-cpu): a Stage I model gives learned association and roots (the body triangulated and rectified as usual); a full model (--stages 1+2) also gives the joints (Stage II decoder)." };
        var robust = new Option<double>("--robust-px") { Description = "Robust (Cauchy) refinement of each triangulated joint over its views, at this scale in px (7 meets the Panoptic demo target); 0 = off (default, the teacher's triangulation)." };
        var feedback = SharedOptions.Feedback("Print a JSON summary on stdout (output, frames, people, views, seconds).");
        var command = new Command("reconstruct", "Associate 2D detections across views and triangulate 3D people; ids are tracked over the sequence (stable per person) unless --no-track; optional --filter steps.")
        {
            calib, detections, output, firstFrame, imageSize, threads, noTrack, fps, maxLost, filters, model, robust, feedback.Progress, feedback.Quiet, feedback.Json,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            OutputPath.CheckFile(outPath, [parse.GetValue(calib), parse.GetValue(detections)]);
            var threadCount = parse.GetValue(threads);
            var (steps, rate) = Filter.SequenceOptions.ForReconstruct(!parse.GetValue(noTrack), parse.GetValue(maxLost), parse.GetValue(filters), parse.GetValue(fps));
            var show = Feedback.Read(parse, feedback);
            var modelPath = parse.GetValue(model) is { } modelValue ? DisposeModelFile.Resolve(modelValue) : null;
            var full = modelPath is not null && Learning.DisposeModel.FormatOf(modelPath) == Learning.DisposeModel.FormatName ? Learning.DisposeModel.Load(modelPath) : null;
            var stage1 = modelPath is null || full is not null ? null : Learning.Stage1Model.Load(modelPath);
            if (stage1 is not null || full is not null)
            {
                // Frames run in parallel on the workers; the model's tensor kernels run single-threaded inside each, so
                // --threads N uses N cores (and --threads 1 one core), without nested parallelism.
                Tensors.Kernels.TensorThreads.Count = 1;
            }

            var robustPx = parse.GetValue(robust);
            if (!(double.IsFinite(robustPx) && robustPx >= 0))
            {
                throw new UserError($"--robust-px must be a number of pixels >= 0, got {robustPx}");
            }

            var options = new Reconstruction.ReconstructionOptions { RobustRefineScalePx = robustPx };

            // Streamed: detections are read, reconstructed, tracked and written frame by frame (filters hold the sequence).
            using var input = StreamedReconstruction.Open(parse.GetValue(calib)!, parse.GetValue(detections)!, parse.GetValue(firstFrame), SharedOptions.ImageSizeValue(parse, imageSize));
            OutputPath.CheckFile(outPath, input.DetectionPaths, input.DetectionPaths.Where(Directory.Exists));
            InputNotes.Print(input.Notes);
            var watch = Stopwatch.StartNew();
            var (frameCount, people) = show.Run("reconstruct", progress =>
            {
                var done = new Progress<int>(n => progress.Report(n / (double)Math.Max(1, input.FrameCount)));
                var frames = Filter.SequenceOptions.RunStream(steps, full is not null ? input.Reconstruct(threadCount, () => FullModel(full), done) : stage1 is null ? input.Reconstruct(threadCount, options, done) : input.Reconstruct(threadCount, () => new Reconstruction.MultiViewReconstructor(options, new Learning.Stage1CrossViewAssigner(stage1)), done));
                var counter = new FrameCounter();
                Poses3DJson.Write(outPath, input.Skeleton, counter.Count(frames), input.Rig.Names, rate);
                return (counter.Frames, counter.People);
            });
            var seconds = watch.Elapsed.TotalSeconds;
            InputNotes.Print(input.NobodyWarning());
            show.Summary($"[green]wrote[/] {Markup.Escape(outPath)}: {frameCount} frames, {people} people ({(double)people / Math.Max(1, frameCount):F2}/frame), {input.Rig.Count} views, {frameCount / Math.Max(seconds, 1e-9):F0} frames/s on {threadCount} thread(s)");
            show.JsonSummary(new { output = Path.GetFullPath(outPath), frames = frameCount, people, views = input.Rig.Count, seconds });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A reconstructor whose association and body steps are the full DisPOSE model.</summary>
    private static Reconstruction.MultiViewReconstructor FullModel(Learning.DisposeModel model)
    {
        var dispose = new Learning.DisposeReconstructor(model);
        return new Reconstruction.MultiViewReconstructor(null, dispose, dispose);
    }

    /// <summary>Counts the frames and people of a stream as they pass.</summary>
    private sealed class FrameCounter
    {
        public int Frames { get; private set; }

        public long People { get; private set; }

        public IEnumerable<Core.Poses.Frame3D> Count(IEnumerable<Core.Poses.Frame3D> frames)
        {
            foreach (var frame in frames)
            {
                Frames++;
                People += frame.People.Count;
                yield return frame;
            }
        }
    }
}
