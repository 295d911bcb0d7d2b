using System.CommandLine;
using Polypose.Detection.MoveNet;
using Polypose.Formats.Output;

namespace Polypose.Cli.Commands.Detect;

/// <summary><c>polypose detect --videos DIR | --images DIR --out DETS</c>: MoveNet MultiPose on per-camera footage → per-frame OpenPose JSON.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var images = FootageOptions.Images();
        var videos = FootageOptions.Videos();
        var output = new Option<string>("--out", "-o") { Description = "Output folder: <camera>/<camera>_<frame>_keypoints.json (OpenPose/Pose2Sim layout, COCO-17; frame = 0-based index in the video or the number in the image name), replaced atomically.", Required = true };
        var longSide = new Option<string>("--long-side")
        {
            Description = "Network input long side in pixels (rounded up to a multiple of 32; the short side is letterboxed): N, 'auto' (per camera, from the size of the people a 640 px probe finds in its first frame), or CAMERA=N items with an optional default, e.g. 00_03=960,640.",
            DefaultValueFactory = _ => "640",
        };
        var refine = new Option<string>("--refine") { Description = "Refine each person top-down on a 256x256 crop: 'thunder' (MoveNet Thunder) or 'none'.", DefaultValueFactory = _ => "none" };
        refine.AcceptOnlyFromAmong("none", "thunder");
        var resize = new Option<string>("--resize") { Description = "How images are scaled to the network input: 'bilinear' (as TF.js, the default) or 'antialias' (a tent filter as wide as the reduction).", DefaultValueFactory = _ => "bilinear" };
        resize.AcceptOnlyFromAmong("bilinear", "antialias");
        var model = FootageOptions.MoveNet("--model");
        var command = new Command("detect", "Detect 2D people (MoveNet MultiPose, in-process) in multi-camera videos or image folders and write OpenPose JSON per camera and frame.")
        {
            images, videos, output, longSide, refine, resize, model,
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

            OutputPath.CheckFolder(parse.GetValue(output)!, [parse.GetValue(images), parse.GetValue(videos), parse.GetValue(model)]);
            using var source = FootageOptions.Open(parse.GetValue(images), parse.GetValue(videos), calibrationCameras: null, calibrationPath: null, offsets: null, truncateToShortest: false);
            var unknown = sizes.PerCamera.Keys.FirstOrDefault(k => !source.Cameras.Contains(k));
            if (unknown is not null)
            {
                throw new UserError($"--long-side: camera '{unknown}' is not among the footage's cameras ({string.Join(", ", source.Cameras)})");
            }

            var antialias = parse.GetValue(resize) == "antialias";
            var network = FootageOptions.LoadNetwork(parse.GetValue(model), antialias);
            var refiner = parse.GetValue(refine) == "thunder" ? FootageOptions.LoadRefiner(antialias) : null;
            var outPath = parse.GetValue(output)!;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (result, sides) = FootageOptions.Detect(source, network, sizes, refiner, outPath);
            var imageCount = Math.Max(1, result.Sum(r => r.Frames.Count));
            Console.Error.WriteLine($"wrote {outPath}: {source.Cameras.Count} cameras, {source.FrameCount} frames, people per camera {string.Join(" ", result.Select(r => r.PersonCount))}, long side per camera {string.Join(" ", sides)}, {watch.Elapsed.TotalMilliseconds / imageCount:F0} ms per image");
            return ExitCodes.Ok;
        });
        return command;
    }
}
