using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Options;
using Polypose.Formats.Output;
using Polypose.Synthesis;
using Polypose.Synthesis.Output;
using Polypose.Synthesis.Rigs;
using Spectre.Console;

namespace Polypose.Cli.Commands.Synth;

/// <summary><c>polypose synth</c>: a synthetic multi-view scene with ground truth, written in the formats Polypose reads.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var rig = SharedOptions.Rig($"Camera rig KIND:COUNT, KIND one of {RigSpec.KnownKinds}; COUNT {RigSpec.MinCameras}-{RigSpec.MaxCameras}.");
        var people = SharedOptions.People($"People in the room (1-{SceneOptions.MaxPeople}).");
        var frames = SharedOptions.Frames("Frames at 30 fps.");
        var seed = SharedOptions.Seed("Random seed: the same seed gives the same bytes.");
        var output = new Option<string>("--out", "-o") { Description = "Output folder (calibration, detections per camera, ground truth).", Required = true };
        var feedback = SharedOptions.Feedback("Print a JSON summary on stdout (the files written, frames, cameras, people).");
        var command = new Command("synth", "Generate a synthetic multi-view multi-person scene with 3D ground truth and detector-like 2D detections.")
        {
            rig, people, frames, seed, output, feedback.Progress, feedback.Quiet, feedback.Json,
        };
        command.SetAction(parse =>
        {
            OutputPath.CheckFolder(parse.GetValue(output)!);
            var options = Build(parse.GetValue(rig)!, parse.GetValue(people), parse.GetValue(frames), parse.GetValue(seed));
            var show = Feedback.Read(parse, feedback);
            var watch = Stopwatch.StartNew();
            var scene = SceneGenerator.Generate(options);
            var generateSeconds = watch.Elapsed.TotalSeconds;
            var files = show.Run("synth: writing", progress => SceneWriter.Write(scene, parse.GetValue(output)!, progress));
            show.Summary($"generated {options.Frames} frames, {scene.Cameras.Count} cameras ({Markup.Escape(options.Rig.ToString())}), {options.People} people in {generateSeconds:F2} s");
            show.Summary($"  calibration : {Markup.Escape(files.Calibration)}");
            show.Summary($"  detections  : {Markup.Escape(files.OpenPoseFolder)} (OpenPose JSON), {Markup.Escape(files.CocoFolder)} (COCO)");
            show.Summary($"  ground truth: {Markup.Escape(files.GroundTruth)}");
            show.Summary($"  identities  : {Markup.Escape(files.Identities)} (true person of every detection, -1 = distractor; evaluation only)");
            show.Summary($"next: polypose reconstruct --calib {Markup.Escape(files.Calibration)} --detections {Markup.Escape(files.OpenPoseFolder)} --out pred.json");
            show.Summary($"      polypose eval --pred pred.json --gt {Markup.Escape(files.GroundTruth)}");
            show.JsonSummary(new
            {
                calibration = files.Calibration,
                openPose = files.OpenPoseFolder,
                coco = files.CocoFolder,
                groundTruth = files.GroundTruth,
                identities = files.Identities,
                frames = options.Frames,
                cameras = scene.Cameras.Count,
                people = options.People,
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Scene options from CLI values; a bad value is a <see cref="UserError"/>.</summary>
    public static SceneOptions Build(string rig, int people, int frames, int seed)
    {
        try
        {
            return new SceneOptions { Rig = RigSpec.Parse(rig), People = people, Frames = frames, Seed = seed };
        }
        catch (ArgumentException ex)
        {
            throw UserError.From(ex);
        }
        catch (FormatException ex)
        {
            throw new UserError(ex.Message);
        }
    }
}
