using System.CommandLine;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Export;
using Polypose.Formats;
using Polypose.Formats.Output;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction.Input;

namespace Polypose.Cli.Commands.View;

/// <summary><c>polypose view</c>: renders one frame of a 3D poses file, reprojected into every camera, as an SVG figure.</summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var calib = SharedOptions.Calibration("Calibration file or folder (any supported format).");
        var poses = new Option<string>("--poses", "-p") { Description = "3D poses (Polypose 3D JSON, e.g. the output of 'reconstruct').", Required = true };
        var detections = new Option<string?>("--detections", "-d") { Description = "Optional 2D detections to draw underneath (same layouts as 'reconstruct')." };
        var frame = new Option<int?>("--frame") { Description = "Frame number to draw (default: the frame with the most people)." };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first detection frame for formats without numbers (Shelf: 300).");
        var output = new Option<string>("--out", "-o") { Description = "Output: an SVG file; with --videos/--images a folder of PNGs (frame_<n>.png, all cameras side by side) or an .mp4 file; written atomically.", Required = true };
        var images = Detect.FootageOptions.Images();
        var videos = Detect.FootageOptions.Videos();
        var sync = new Option<string>("--sync") { Description = "With --videos: the frame offsets 'video' used (0,3,-2 or cam01=0,cam03=3), or none.", DefaultValueFactory = _ => "none" };
        var height = new Option<int>("--height") { Description = "With --videos/--images: rows of each camera's tile in the output pictures (16-4320).", DefaultValueFactory = _ => 720 };
        var imageSize = SharedOptions.ImageSize();
        var command = new Command("view", "Draw 3D people reprojected into every camera: one frame as SVG (over the 2D detections, plus a top view), or over the real frames of --videos/--images as PNGs or MP4, coloured by person id.")
        {
            calib, poses, detections, frame, firstFrame, imageSize, output, images, videos, sync, height,
        };
        command.SetAction(parse =>
        {
            var overlay = parse.GetValue(images) is not null || parse.GetValue(videos) is not null;
            string?[] inputs = [parse.GetValue(calib), parse.GetValue(poses), parse.GetValue(detections), parse.GetValue(images), parse.GetValue(videos)];
            if (overlay && !parse.GetValue(output)!.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
            {
                OutputPath.CheckFolder(parse.GetValue(output)!, inputs);
            }
            else
            {
                OutputPath.CheckFile(parse.GetValue(output)!, inputs);
            }

            var sizes = SharedOptions.ImageSizeValue(parse, imageSize);
            var rig = CalibrationLoading.Read(parse.GetValue(calib)!, sizes);
            var doc = Poses3DJson.Read(parse.GetValue(poses)!);
            if (doc.Frames.Count == 0)
            {
                throw new UserError($"{parse.GetValue(poses)}: contains no frames");
            }

            if (overlay)
            {
                return OverlayView.Render(rig, parse.GetValue(calib)!, doc, parse.GetValue(images), parse.GetValue(videos), parse.GetValue(sync)!, parse.GetValue(height), parse.GetValue(output)!);
            }

            var wanted = parse.GetValue(frame);
            var selected = wanted is null
                ? doc.Frames.OrderByDescending(f => f.People.Count).ThenBy(f => f.FrameIndex).First()
                : doc.Frames.FirstOrDefault(f => f.FrameIndex == wanted) ?? throw new UserError($"{parse.GetValue(poses)}: has no frame {wanted} (frames {doc.Frames[0].FrameIndex}-{doc.Frames[^1].FrameIndex})");
            IReadOnlyList<IReadOnlyList<Polypose.Core.Poses.Person2D>>? views = null;
            if (parse.GetValue(detections) is { } detPath)
            {
                var input = ReconstructionInput.Load(parse.GetValue(calib)!, detPath, parse.GetValue(firstFrame), imageSizes: sizes);
                InputNotes.Print(input.Notes);
                rig = input.Rig;
                views = input.Frames.FirstOrDefault(f => f.FrameIndex == selected.FrameIndex)?.Views;
            }
            else
            {
                InputNotes.Print(CalibrationLoading.ImageSizeWarning(rig));
            }

            var svg = SvgFigure.Render(rig, selected.People, views, new SvgFigureOptions
            {
                Caption = $"frame {selected.FrameIndex}: {selected.People.Count} people ({doc.Skeleton.Name}); grey = 2D detections, colour = reprojected 3D by person id",
            });
            AtomicFile.WriteAllText(parse.GetValue(output)!, svg);
            Console.Error.WriteLine($"wrote {parse.GetValue(output)} (frame {selected.FrameIndex}, {selected.People.Count} people, {rig.Count} cameras)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
