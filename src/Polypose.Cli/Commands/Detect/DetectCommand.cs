using System.CommandLine;
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
        var longSide = new Option<string>("--long-side")
        {
            Description = "Network input long side in pixels (rounded up to a multiple of 32; the short side is letterboxed): N, 'auto' (per camera, from the size of the people a 640 px probe finds in its first frame), or CAMERA=N items with an optional default, e.g. 00_03=960,640.",
            DefaultValueFactory = _ => "640",
        };
        var refine = new Option<string>("--refine") { Description = "Refine each person top-down on a 256x256 crop: 'thunder' (MoveNet Thunder) or 'none'.", DefaultValueFactory = _ => "none" };
        refine.AcceptOnlyFromAmong("none", "thunder");
        var resize = new Option<string>("--resize") { Description = "How images are scaled to the network input: 'bilinear' (as TF.js, the default) or 'antialias' (a tent filter as wide as the reduction).", DefaultValueFactory = _ => "bilinear" };
        resize.AcceptOnlyFromAmong("bilinear", "antialias");
        var model = new Option<string?>("--model") { Description = "MoveNet MultiPose model.json (default: the installed one; see 'polypose models install')." };
        var command = new Command("detect", "Detect 2D people (MoveNet MultiPose, in-process) in multi-camera image folders and write OpenPose JSON per camera and frame.")
        {
            images, output, longSide, refine, resize, model,
        };
        command.SetAction(parse =>
        {
            InputSizeRule sizes;
            try
            {
                sizes = InputSizeRule.Parse(parse.GetValue(longSide)!);
            }
            catch (FormatException e)
            {
                throw new UserError($"--long-side {e.Message}", e);
            }

            try
            {
                var set = ImageFolderSet.Open(parse.GetValue(images)!);
                var unknown = sizes.PerCamera.Keys.FirstOrDefault(k => !set.Cameras.Contains(k));
                if (unknown is not null)
                {
                    throw new UserError($"--long-side: camera '{unknown}' is not a sub-folder of {set.Root} (cameras: {string.Join(", ", set.Cameras)})");
                }

                var antialias = parse.GetValue(resize) == "antialias";
                var json = parse.GetValue(model) ?? ModelStore.Default().Require(ModelCatalog.MultiPose);
                var network = new MoveNetMultiPose(TfjsModel.Load(json)) { Antialias = antialias };
                var refiner = parse.GetValue(refine) == "thunder" ? new MoveNetThunder(TfjsModel.Load(ModelStore.Default().Require(ModelCatalog.Thunder))) { Antialias = antialias } : null;
                FolderDetectionResult? result = null;
                AnsiConsole.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("detecting", maxValue: set.Files.Sum(f => f.Count));
                    result = FolderDetector.Run(set, network, parse.GetValue(output)!, sizes, refiner, (done, _) => task.Value = done);
                });
                Console.Error.WriteLine($"wrote {parse.GetValue(output)}: {set.Cameras.Count} cameras, {set.Frames.Count} frames, people per camera {string.Join(" ", result!.PeoplePerCamera)}, long side per camera {string.Join(" ", result.LongSidePerCamera)}, {result.SecondsPerImage * 1000:F0} ms per image");
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
