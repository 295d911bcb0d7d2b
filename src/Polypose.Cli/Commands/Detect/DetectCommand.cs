using System.CommandLine;
using Polypose.Formats.Output;
using Polypose.Detection.Folders;
using Polypose.Detection.Images;
using Polypose.Detection.Models;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Spectre.Console;

namespace Polypose.Cli.Commands.Detect;

/// <summary><c>polypose detect --images DIR --out DETS</c>: MoveNet MultiPose on per-camera image folders → per-frame OpenPose JSON.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var images = new Option<string>("--images", "-i") { Description = "Folder with one sub-folder of images per camera; frames matched by the number in the file names.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output folder: <camera>/<camera>_<frame>_keypoints.json (OpenPose/Pose2Sim layout, COCO-17), replaced atomically.", Required = true };
        var longSide = new Option<int>("--long-side") { Description = "Network input long side in pixels (rounded up to a multiple of 32; the short side is letterboxed).", DefaultValueFactory = _ => 640 };
        var model = new Option<string?>("--model") { Description = "MoveNet MultiPose model.json (default: the installed one; see 'polypose models install')." };
        var command = new Command("detect", "Detect 2D people (MoveNet MultiPose, in-process) in multi-camera image folders and write OpenPose JSON per camera and frame.")
        {
            images, output, longSide, model,
        };
        command.SetAction(parse =>
        {
            var side = parse.GetValue(longSide);
            if (side < 32 || side > 4096)
            {
                throw new UserError($"--long-side {side}: must be in [32, 4096]");
            }

            OutputPath.CheckFolder(parse.GetValue(output)!, [parse.GetValue(images), parse.GetValue(model)]);
            try
            {
                var set = ImageFolderSet.Open(parse.GetValue(images)!);
                var json = parse.GetValue(model) ?? ModelStore.Default().Require(ModelCatalog.MultiPose);
                var network = new MoveNetMultiPose(TfjsModel.Load(json));
                int[] counts = [];
                AnsiConsole.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("detecting", maxValue: set.Files.Sum(f => f.Count));
                    counts = FolderDetector.Run(set, network, parse.GetValue(output)!, side, (done, _) => task.Value = done);
                });
                Console.Error.WriteLine($"wrote {parse.GetValue(output)}: {set.Cameras.Count} cameras, {set.Frames.Count} frames, people per camera {string.Join(" ", counts)}");
            }
            catch (Exception e) when (e is ImageFileException or TfjsModelException)
            {
                throw new UserError(e.Message, e);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
