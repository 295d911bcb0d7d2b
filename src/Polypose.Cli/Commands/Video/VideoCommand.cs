using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Commands.Detect;
using Polypose.Cli.Options;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Runs;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Input;
using Polypose.Reconstruction.Sequence;
using Polypose.Video.Synchronisation;

namespace Polypose.Cli.Commands.Video;

/// <summary>
/// <c>polypose video --calib C --videos DIR | --images DIR --out poses.json</c>: MoveNet MultiPose detection, optional
/// synchronisation, association, reconstruction, tracking and filters in one go; the 2D detections are kept in
/// <c>&lt;out without extension&gt;_2d/</c> (the layout of <c>detect</c>).
/// </summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var calib = SharedOptions.Calibration("Calibration file or folder (any supported format, Qualisys .qca.txt included); its camera names must be the video names / image folder names.");
        var images = FootageOptions.Images();
        var videos = FootageOptions.Videos();
        var output = new Option<string>("--out", "-o") { Description = "Output 3D poses JSON (docs/pose3d-format.md), written atomically; the 2D detections go to <out without .json>_2d/ (OpenPose JSON per camera and frame).", Required = true };
        var sync = new Option<string>("--sync") { Description = "Videos only: none (same index = same instant), auto (offsets estimated from the people's motion) or frame offsets per camera (0,3,-2 or cam01=0,cam03=3).", DefaultValueFactory = _ => "none" };
        var longSide = FootageOptions.LongSide(384);
        var movenet = FootageOptions.MoveNet("--movenet");
        var model = new Option<string?>("--model") { Description = "Learned DisPOSE model for the image stages (not available yet on this build: the command says so)." };
        var threads = SharedOptions.Threads("Worker threads for reconstruction (default: all cores).");
        var noTrack = new Option<bool>("--no-track") { Description = "Keep per-frame ids (0.. in each frame) instead of the tracked ids written by default." };
        var fps = Filter.SequenceOptions.FpsOption("Frame rate for tracking and --filter (default: the videos' rate; 30 for images); written to the output.");
        var maxLost = Filter.SequenceOptions.MaxLostOption();
        var filters = Filter.SequenceOptions.FilterOption();
        var robust = new Option<double>("--robust-px") { Description = "Robust (Cauchy) refinement of each triangulated joint over its views, at this scale in px; 0 = plain triangulation with worst-view dropout (as reconstruct).", DefaultValueFactory = _ => 7 };
        var boneSd = new Option<double>("--bone-sd") { Description = "Refit every tracked person's frames with each limb held to that person's median length (sd in mm); 0 = off (also off with --no-track).", DefaultValueFactory = _ => 5 };
        var command = new Command("video", "Videos or image folders + calibration in, 3D people out: 2D detection (MoveNet MultiPose), sync, association, reconstruction, tracking, optional filters.")
        {
            calib, images, videos, output, sync, longSide, movenet, model, threads, noTrack, fps, maxLost, filters, robust, boneSd,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(model) is { } m)
            {
                throw new UserError($"--model {m}: the learned image stages (DisPOSE Stage I/II on MoveNet evidence) are not available yet in this build; run without --model");
            }

            var side = FootageOptions.CheckLongSide(parse.GetValue(longSide));
            var robustPx = parse.GetValue(robust);
            var boneSdMm = parse.GetValue(boneSd);
            if (!(double.IsFinite(robustPx) && robustPx >= 0) || !(double.IsFinite(boneSdMm) && boneSdMm >= 0))
            {
                throw new UserError($"--robust-px and --bone-sd must be numbers >= 0, got {robustPx} and {boneSdMm}");
            }

            SyncSetting setting;
            try
            {
                setting = SyncSetting.Parse(parse.GetValue(sync)!);
            }
            catch (FormatException e)
            {
                throw new UserError(e.Message);
            }

            var imageDir = parse.GetValue(images);
            if (imageDir is not null && setting.Mode != SyncMode.None)
            {
                throw new UserError("--sync applies to --videos only (image folders are matched by the frame numbers in their names)");
            }

            var calibPath = parse.GetValue(calib)!;
            var outPath = parse.GetValue(output)!;
            var (steps, rate) = Filter.SequenceOptions.ForReconstruct(!parse.GetValue(noTrack), parse.GetValue(maxLost), [], parse.GetValue(fps));
            var rig = CalibrationReader.Read(calibPath);
            int[]? fixedOffsets = null;
            if (setting.Mode == SyncMode.Fixed)
            {
                try
                {
                    fixedOffsets = setting.OffsetsFor(rig.Names);
                }
                catch (FormatException e)
                {
                    throw new UserError(e.Message);
                }
            }

            var watch = Stopwatch.StartNew();
            using var source = FootageOptions.Open(imageDir, parse.GetValue(videos), rig.Names, calibPath, fixedOffsets, truncateToShortest: setting.Mode != SyncMode.None);
            var network = FootageOptions.LoadNetwork(parse.GetValue(movenet));
            var frameRate = rate ?? source.FrameRate;
            (steps, rate) = Filter.SequenceOptions.ForReconstruct(!parse.GetValue(noTrack), parse.GetValue(maxLost), parse.GetValue(filters), frameRate);
            var detectionsDir = DetectionsFolder(outPath);
            var threadCount = parse.GetValue(threads);
            var order = rig.Names.Select(n => IndexOf(source.Cameras, n)).ToArray();
            int[]? offsets = null;
            var ready = watch.Elapsed;
            var (frameCount, people, detectSeconds) = FootageOptions.WithProgress(source, progress =>
            {
                // Streamed: each instant is decoded, detected (2D written to detectionsDir), associated, reconstructed,
                // tracked, refitted and written before much later ones are read (StreamedReconstruction's batches and
                // the refit's window bound the frames in flight); --filter and --sync auto hold the sequence (they need all of it).
                var detection = StreamedDetection.Open(source, network, new InputSizeRule { LongSide = side }, null, detectionsDir, progress);
                IEnumerable<Core.Poses.MultiViewFrame> instants;
                var count = source.FrameCount;
                if (setting.Mode == SyncMode.Auto)
                {
                    var detected = DetectionRunner.Collect(source.Cameras, detection.Instants());
                    var byRig = order.Select(c => detected[c]).ToList();
                    offsets = Estimate(byRig, rig.Names);
                    var synchronised = DetectionSync.Synchronise(byRig, offsets);
                    instants = synchronised;
                    count = synchronised.Count;
                }
                else
                {
                    offsets = fixedOffsets;
                    instants = detection.Instants().Select(i => new Core.Poses.MultiViewFrame(i.FrameNumber, [.. order.Select(c => i.People[c] ?? [])]));
                }

                var options = new ReconstructionOptions { RobustRefineScalePx = robustPx };
                var cameraNames = order.Select(c => source.Cameras[c]).ToArray();
                var frames = 0;
                long persons = 0;
                var trace = MemoryTrace.FromEnvironment();
                using var sampler = AllocationSampler.FromEnvironment();
                IEnumerable<Core.Poses.Frame3D> Counted(IEnumerable<Core.Poses.Frame3D> poses)
                {
                    foreach (var frame in poses)
                    {
                        frames++;
                        persons += frame.People.Count;
                        trace?.After(frames);
                        yield return frame;
                    }
                }

                if (steps.Track && boneSdMm > 0)
                {
                    // The bone-length refit streams too: each frame's 2D is kept until its tracked 3D comes back (a batch
                    // ahead), and each frame waits for the refit's window (BoneRefitOptions.WindowFrames) of later ones.
                    var tee = new DetectionTee(instants);
                    using var stream = StreamedReconstruction.FromFrames(rig, tee.Frames(), count, Core.Skeletons.KnownSkeletons.Coco17, cameraNames);
                    var tracked = Filter.SequenceOptions.RunStream(steps with { Filters = [] }, stream.Reconstruct(threadCount, options));
                    var refit = new BoneLengthRefit(new BoneRefitOptions { BoneSdMm = boneSdMm, RobustScalePx = robustPx > 0 ? robustPx : 7 }).RunStream(rig, tee.Pair(tracked));
                    var poses = Filter.SequenceOptions.RunStream(steps with { Track = false }, refit);
                    Poses3DJson.Write(outPath, Core.Skeletons.KnownSkeletons.Coco17, Counted(poses), rig.Names, rate);
                }
                else
                {
                    using var stream = StreamedReconstruction.FromFrames(rig, instants, count, Core.Skeletons.KnownSkeletons.Coco17, cameraNames);
                    Poses3DJson.Write(outPath, Core.Skeletons.KnownSkeletons.Coco17, Counted(Filter.SequenceOptions.RunStream(steps, stream.Reconstruct(threadCount, options))), rig.Names, rate);
                }

                sampler?.Report();
                return (frames, persons, (ready + detection.Elapsed).TotalSeconds);
            });
            if (offsets is not null)
            {
                Console.Error.WriteLine($"sync offsets (frames dropped at the start): {string.Join(" ", rig.Names.Select((n, i) => $"{n}={offsets[i]}"))}");
            }

            Console.Error.WriteLine(
                $"wrote {outPath}: {frameCount} frames, {people} people ({(double)people / Math.Max(1, frameCount):F2}/frame), {rig.Count} views; 2D detections in {detectionsDir}; " +
                $"{watch.Elapsed.TotalSeconds:F1} s ({detectSeconds:F1} s detection)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Where <c>video</c> keeps the 2D detections of an output file: <c>poses.json</c> → <c>poses_2d/</c> beside it.</summary>
    public static string DetectionsFolder(string outPath)
    {
        var full = Path.GetFullPath(outPath);
        var stem = Path.GetFileNameWithoutExtension(full);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", stem + "_2d");
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"camera {name} has no footage");
    }

    private static int[] Estimate(IReadOnlyList<CameraDetections> cameras, IReadOnlyList<string> names)
    {
        try
        {
            return FrameOffsetEstimator.Estimate(DetectionSync.Tracks(cameras)).Offsets;
        }
        catch (InvalidOperationException e)
        {
            throw new UserError($"--sync auto: {e.Message} (cameras {string.Join(", ", names)}); give the offsets instead");
        }
    }
}
