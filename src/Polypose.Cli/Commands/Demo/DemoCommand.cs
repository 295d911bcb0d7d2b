using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Commands.Synth;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Evaluation.Summary;
using Polypose.Formats.Output;
using Polypose.Reconstruction;
using Polypose.Synthesis;
using Spectre.Console;

namespace Polypose.Cli.Commands.Demo;

/// <summary>
/// <c>polypose demo</c>: the whole pipeline on an embedded default — a generated 5-camera, 4-person scene with
/// detector-like noise is reconstructed and scored against its ground truth. Needs no data and no download.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var rig = SharedOptions.Rig("Camera rig KIND:COUNT (see 'polypose synth --help').");
        var people = SharedOptions.People("People in the scene.");
        var frames = SharedOptions.Frames("Frames to generate and reconstruct.");
        var seed = SharedOptions.Seed("Random seed.");
        var output = new Option<string?>("--out", "-o") { Description = "Also write the scene files and the reconstruction into this folder." };
        var json = SharedOptions.Json("Print one JSON document instead of tables.");
        var command = new Command("demo", "Generate a synthetic scene, reconstruct it and print the scores (no data or download needed).")
        {
            rig, people, frames, seed, output, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(output) is { } outFolder)
            {
                OutputPath.CheckFolder(outFolder);
            }

            var options = SynthCommand.Build(parse.GetValue(rig)!, parse.GetValue(people), parse.GetValue(frames), parse.GetValue(seed));
            var watch = Stopwatch.StartNew();
            var scene = SceneGenerator.Generate(options);
            var generateSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var threads = Environment.ProcessorCount;
            var predictions = MultiViewReconstructor.ReconstructAll(scene.Cameras, scene.Detections, threads);
            var reconstructSeconds = watch.Elapsed.TotalSeconds;
            predictions = Polypose.Tracking.Tracking.PoseTracker.Track(predictions, new Polypose.Tracking.Tracking.TrackerOptions { FrameRate = options.Fps });
            var summary = Evaluator.Evaluate(predictions, scene.GroundTruth);
            if (parse.GetValue(output) is { } dir)
            {
                var files = Polypose.Synthesis.Output.SceneWriter.Write(scene, dir);
                Polypose.Formats.Poses3D.Poses3DJson.Write(
                    Path.Combine(dir, "reconstruction.json"), Polypose.Core.Skeletons.KnownSkeletons.Body25, predictions, [.. scene.Cameras.Select(c => c.Name)]);
                Console.Error.WriteLine($"wrote the scene to {files.Calibration} ... and {Path.Combine(dir, "reconstruction.json")}");
            }

            var timing = new { generateSeconds, reconstructSeconds, framesPerSecond = predictions.Count / Math.Max(reconstructSeconds, 1e-9), threads };
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ReportPrinter.ToJson(new { scene = new { rig = options.Rig.ToString(), options.People, options.Frames, options.Seed }, summary, timing }));
                return ExitCodes.Ok;
            }

            var console = AnsiConsole.Console;
            console.MarkupLine($"[bold]Polypose demo[/]: synthetic scene, rig {Markup.Escape(options.Rig.ToString())}, {options.People} people, {options.Frames} frames, seed {options.Seed}");
            console.MarkupLine($"generated in {generateSeconds:F2} s; reconstructed in {reconstructSeconds:F2} s ({timing.framesPerSecond:F0} frames/s on {threads} threads)");
            console.WriteLine();
            if (summary.PcpVoxelPose is not null)
            {
                ReportPrinter.PrintPcp(console, summary.PcpVoxelPose);
            }

            ReportPrinter.PrintPose(console, summary.Pose);
            if (summary.Root is not null)
            {
                ReportPrinter.PrintRoot(console, summary.Root);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
