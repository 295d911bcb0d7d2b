using System.CommandLine;
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
        var longSide = FootageOptions.LongSide(640);
        var model = FootageOptions.MoveNet("--model");
        var command = new Command("detect", "Detect 2D people (MoveNet MultiPose, in-process) in multi-camera videos or image folders and write OpenPose JSON per camera and frame.")
        {
            images, videos, output, longSide, model,
        };
        command.SetAction(parse =>
        {
            var side = FootageOptions.CheckLongSide(parse.GetValue(longSide));
            OutputPath.CheckFolder(parse.GetValue(output)!, [parse.GetValue(images), parse.GetValue(videos), parse.GetValue(model)]);
            using var source = FootageOptions.Open(parse.GetValue(images), parse.GetValue(videos), calibrationCameras: null, calibrationPath: null, offsets: null, truncateToShortest: false);
            var network = FootageOptions.LoadNetwork(parse.GetValue(model));
            var outPath = parse.GetValue(output)!;
            var result = FootageOptions.Detect(source, network, side, outPath);
            Console.Error.WriteLine($"wrote {outPath}: {source.Cameras.Count} cameras, {source.FrameCount} frames, people per camera {string.Join(" ", result.Select(r => r.PersonCount))}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
