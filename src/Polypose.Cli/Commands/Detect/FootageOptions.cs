using System.CommandLine;
using Polypose.Detection.Images;
using Polypose.Detection.Models;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Runs;
using Polypose.Detection.Sources;
using Polypose.Detection.TfjsGraph;
using Polypose.Video.Decoding;
using Spectre.Console;

namespace Polypose.Cli.Commands.Detect;

/// <summary>The footage options of <c>detect</c>, <c>video</c> and <c>view</c> (--videos | --images, the network) and their one-line errors.</summary>
internal static class FootageOptions
{
    public static Option<string?> Images() => new("--images", "-i") { Description = "Folder with one sub-folder of images per camera; frames matched by the number in the file names." };

    public static Option<string?> Videos() => new("--videos", "-V") { Description = "Folder with one video per camera, named after the camera (cam01.mp4 ...); decoded by ffmpeg, any codec it reads." };

    public static Option<int> LongSide(int defaultValue) => new("--long-side") { Description = "Network input long side in pixels (rounded up to a multiple of 32; the short side is letterboxed).", DefaultValueFactory = _ => defaultValue };

    public static Option<string?> MoveNet(string name) => new(name) { Description = "MoveNet MultiPose model.json (default: the installed one; see 'polypose models install')." };

    public static int CheckLongSide(int side) =>
        side is < 32 or > 4096 ? throw new UserError($"--long-side {side}: must be in [32, 4096]") : side;

    /// <summary>Loads MoveNet MultiPose; a missing or corrupt model becomes one line.</summary>
    public static MoveNetMultiPose LoadNetwork(string? modelJson, bool antialias = false)
    {
        try
        {
            var json = modelJson ?? ModelStore.Default().Require(ModelCatalog.MultiPose);
            return new MoveNetMultiPose(TfjsModel.Load(json)) { Antialias = antialias };
        }
        catch (TfjsModelException e)
        {
            throw new UserError(e.Message, e);
        }
    }

    /// <summary>Loads the installed MoveNet Thunder for top-down refinement; a missing or corrupt model becomes one line.</summary>
    public static MoveNetThunder LoadRefiner(bool antialias)
    {
        try
        {
            return new MoveNetThunder(TfjsModel.Load(ModelStore.Default().Require(ModelCatalog.Thunder))) { Antialias = antialias };
        }
        catch (TfjsModelException e)
        {
            throw new UserError(e.Message, e);
        }
    }

    /// <summary>Opens exactly one of --images / --videos, checked against the calibration's cameras when given.</summary>
    public static IMultiCameraFrameSource Open(string? images, string? videos, IReadOnlyList<string>? calibrationCameras, string? calibrationPath, IReadOnlyList<int>? offsets, bool truncateToShortest)
    {
        if ((images is null) == (videos is null))
        {
            throw new UserError("give exactly one of --videos DIR and --images DIR");
        }

        try
        {
            if (images is not null)
            {
                var source = ImageFrameSource.Open(images);
                if (calibrationCameras is not null)
                {
                    CameraMatching.Match(calibrationCameras, calibrationPath!, source.Cameras, images);
                }

                return source;
            }

            var list = VideoFolder.Scan(videos!);
            if (calibrationCameras is not null)
            {
                var order = CameraMatching.Match(calibrationCameras, calibrationPath!, [.. list.Select(v => v.Camera)], videos!);
                list = [.. order.Select(i => list[i])];
            }

            if (offsets is not null)
            {
                list = [.. list.Select((v, i) => v with { Offset = offsets[i] })];
            }

            return VideoFrameSource.Open(list, truncateToShortest);
        }
        catch (Exception e) when (e is ImageFileException or FfmpegMissingException)
        {
            throw new UserError(e.Message, e);
        }
    }

    /// <summary>Runs the detector over the footage with a progress bar on a terminal; bad images become one line.</summary>
    public static IReadOnlyList<CameraDetections> Detect(IMultiCameraFrameSource source, MoveNetMultiPose network, int longSide, string? output) =>
        Detect(source, network, new InputSizeRule { LongSide = longSide }, null, output).Detections;

    /// <summary>
    /// Runs the detector with a per-camera input size and optional Thunder refinement, with a progress bar on a
    /// terminal; returns the detections and the long side used per camera.
    /// </summary>
    public static (IReadOnlyList<CameraDetections> Detections, int[] LongSides) Detect(IMultiCameraFrameSource source, MoveNetMultiPose network, InputSizeRule sizes, MoveNetThunder? refiner, string? output) =>
        WithProgress(source, progress =>
        {
            var detections = DetectionRunner.Run(source, network, sizes, refiner, output, progress, out var sides);
            return (detections, sides);
        });

    /// <summary>
    /// Runs <paramref name="work"/> (which detects over the footage, possibly streaming its results onwards) with a
    /// progress bar of the detected camera pictures on a terminal (none when stderr is redirected); bad images and a
    /// missing ffmpeg, met at any point of the work, become one line.
    /// </summary>
    public static T WithProgress<T>(IMultiCameraFrameSource source, Func<Action<int, int>?, T> work)
    {
        try
        {
            if (Console.IsErrorRedirected)
            {
                return work(null);
            }

            T result = default!;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask("detecting", maxValue: Math.Max(1, source.FrameCount * source.Cameras.Count));
                result = work((done, _) => task.Value = done);
            });
            return result;
        }
        catch (Exception e) when (e is ImageFileException or FfmpegMissingException)
        {
            throw new UserError(e.Message, e);
        }
    }
}
