using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Evaluation.Summary;
using Polypose.Formats.Output;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Input;
using Spectre.Console;

namespace Polypose.Cli.Commands.Eval;

/// <summary>
/// <c>polypose eval</c>: scores predictions against ground truth; <c>polypose eval shelf</c> runs the Shelf benchmark;
/// <c>polypose eval stage1</c> compares the teacher with a learned Stage I (<see cref="EvalStage1Command"/>).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var pred = new Option<string>("--pred", "-p") { Description = "Predicted 3D poses (Polypose 3D JSON, as written by 'reconstruct')." };
        var gt = new Option<string>("--gt", "-g") { Description = "Ground truth: Polypose 3D JSON, a 4D Association pose text (Shelf gt.txt) or a CMU Panoptic body3DScene folder." };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first frame of a 4D Association text file.");
        var json = SharedOptions.Json("Print one JSON document instead of tables.");
        var command = new Command("eval", "Score 3D predictions against ground truth: AP@25..150, Recall@500, MPJPE, root metrics and (Shelf/Campus GT) PCP under both protocols.")
        {
            pred, gt, firstFrame, json,
        };
        command.SetAction(parse =>
        {
            var predPath = parse.GetValue(pred) ?? throw new UserError("eval needs --pred and --gt (or use 'polypose eval shelf --data DIR')");
            var gtPath = parse.GetValue(gt) ?? throw new UserError("eval needs --gt");
            var predictions = Poses3DReader.Read(predPath, parse.GetValue(firstFrame));
            var truth = Poses3DReader.Read(gtPath, parse.GetValue(firstFrame));
            if (truth.Count == 0)
            {
                throw new UserError($"{gtPath}: the ground truth has no frames; nothing to score");
            }

            EvaluationSummary summary;
            try
            {
                summary = Evaluator.Evaluate(predictions, truth);
            }
            catch (ArgumentException ex)
            {
                throw new UserError($"{(ex.ParamName == "groundTruth" ? gtPath : predPath)}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }

            ReportFrameMatch(summary.Frames!, predPath, gtPath);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ReportPrinter.ToJson(new { prediction = predPath, groundTruth = gtPath, summary }));
            }
            else
            {
                ReportPrinter.Print(AnsiConsole.Console, summary);
            }

            return ExitCodes.Ok;
        });
        command.Subcommands.Add(CreateShelf());
        command.Subcommands.Add(EvalStage1Command.Create());
        return command;
    }

    /// <summary>Says on stderr how many frames were matched; refuses a run where none were, warns where few were.</summary>
    private static void ReportFrameMatch(FrameMatch match, string predPath, string gtPath)
    {
        static string Span(int? first, int? last) => first is null ? "none" : $"{first}-{last}";
        var line = $"matched {match.Matched} frames: {match.PredictionFrames} prediction frames ({Span(match.PredictionFirst, match.PredictionLast)}) in {predPath}, {match.GroundTruthFrames} ground-truth frames ({Span(match.GroundTruthFirst, match.GroundTruthLast)}) in {gtPath}";
        if (match.Matched == 0)
        {
            throw new UserError($"{predPath}: no prediction frame has the number of a ground-truth frame ({Span(match.PredictionFirst, match.PredictionLast)} vs {Span(match.GroundTruthFirst, match.GroundTruthLast)}); check --first-frame and that both files are of the same sequence");
        }

        Console.Error.WriteLine(line);
        if (match.GroundTruthCoverage < 0.5)
        {
            Console.Error.WriteLine($"warning: only {match.Matched} of {match.GroundTruthFrames} ground-truth frames have predictions; the others count as missed people");
        }
    }

    private static Command CreateShelf()
    {
        var data = new Option<string>("--data") { Description = "Shelf folder with calibration.json, detection/<cam>.txt and gt.txt (4D Association layout).", Required = true };
        var json = SharedOptions.Json("Print one JSON document (per-actor and average PCP for each protocol, timing).");
        var threads = SharedOptions.Threads("Worker threads for reconstruction.");
        var save = new Option<string?>("--out", "-o") { Description = "Also write the reconstructed poses (Polypose 3D JSON)." };
        var model = new Option<string?>("--model") { Description = "DisPOSE model file or shipped model name (models/NAME.safetensors), as 'reconstruct --model': a Stage I model associates; a full model also gives the joints (Stage II decoder). Default: the teacher." };
        var command = new Command("shelf", "Reconstruct the Shelf test set (frames 300-600) from its detections and score it with PCP (both protocols).")
        {
            data, json, threads, save, model,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(data)!;
            if (!Directory.Exists(dir))
            {
                throw new UserError($"{dir}: no such folder (expected calibration.json, detection/ and gt.txt inside)");
            }

            if (parse.GetValue(save) is { } savePath)
            {
                OutputPath.CheckFile(savePath, [dir]);
            }

            var threadCount = parse.GetValue(threads);
            var modelValue = parse.GetValue(model);
            var worker = modelValue is null ? null : LearnedAssigner.Reconstructor(modelValue, new ReconstructionOptions());
            if (worker is not null)
            {
                // As 'reconstruct --model': frames run in parallel, each model's kernels single-threaded.
                Tensors.Kernels.TensorThreads.Count = 1;
            }

            const int firstFrame = 300;
            var load = Stopwatch.StartNew();
            var input = ReconstructionInput.Load(Path.Combine(dir, "calibration.json"), Path.Combine(dir, "detection"), firstFrame);
            var truth = Poses3DReader.Read(Path.Combine(dir, "gt.txt"), firstFrame);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var run = Stopwatch.StartNew();
            var frames = worker is null ? input.Reconstruct(threadCount) : input.Reconstruct(threadCount, worker);
            var reconstructSeconds = run.Elapsed.TotalSeconds;
            frames = Polypose.Tracking.Tracking.PoseTracker.Track(frames);
            if (parse.GetValue(save) is { } outPath)
            {
                Poses3DJson.Write(outPath, input.Skeleton, frames, input.Rig.Names);
            }

            var summary = Evaluator.Evaluate(frames, truth);
            var timing = new
            {
                frames = frames.Count,
                threads = threadCount,
                loadAndParseSeconds = loadSeconds,
                reconstructSeconds,
                framesPerSecond = frames.Count / Math.Max(reconstructSeconds, 1e-9),
            };
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ReportPrinter.ToJson(new
                {
                    dataset = "shelf",
                    model = modelValue ?? "teacher",
                    frames = $"{firstFrame}-{firstFrame + frames.Count - 1}",
                    pcpVoxelPose = summary.PcpVoxelPose,
                    pcpFourDAssociation = summary.PcpFourDAssociation,
                    pose = summary.Pose,
                    tracking = summary.Tracking,
                    timing,
                }));
            }
            else
            {
                ReportPrinter.PrintPcp(AnsiConsole.Console, summary.PcpVoxelPose!);
                ReportPrinter.PrintPcp(AnsiConsole.Console, summary.PcpFourDAssociation!);
                AnsiConsole.MarkupLine($"{frames.Count} frames, {input.Rig.Count} views: load+parse {loadSeconds:F2} s, reconstruct {reconstructSeconds:F3} s ({timing.framesPerSecond:F0} frames/s on {threadCount} thread(s))");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
