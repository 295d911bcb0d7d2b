using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Sources;
using Polypose.Formats.Detections;

namespace Polypose.Detection.Runs;

/// <summary>
/// Streams every instant of an <see cref="IMultiCameraFrameSource"/> through MoveNet MultiPose, camera by camera, and
/// (optionally) writes the Pose2Sim/OpenPose layout that <c>polypose reconstruct</c> reads:
/// <c>OUT/&lt;camera&gt;/&lt;camera&gt;_&lt;frame:D6&gt;_keypoints.json</c>, COCO-17 joints in original pixels, frame numbers
/// of each camera's own footage. Frames are decoded, detected and dropped one instant at a time (memory does not grow
/// with the footage's length beyond the small per-frame keypoint lists returned). The cameras of one instant are
/// detected in parallel by up to <c>workers</c> networks (<see cref="MoveNetMultiPose.Replica"/>, one per thread,
/// cameras dealt round-robin: the output does not depend on the worker count); files and progress are written in
/// camera order by the calling thread. The output is written into a temporary sibling folder that replaces OUT only
/// when every frame succeeded (nothing half-written).
/// </summary>
public static class DetectionRunner
{
    /// <summary>Detects every instant; returns the people per camera (source camera order).</summary>
    /// <param name="source">The footage.</param>
    /// <param name="network">The network.</param>
    /// <param name="longSide">Network input long side in pixels (rounded up to a multiple of 32; the short side letterboxed).</param>
    /// <param name="output">Folder to write (replaced), or null to write nothing.</param>
    /// <param name="progress">Called after each camera image with (done, total).</param>
    /// <exception cref="Images.ImageFileException">An image cannot be read (names it).</exception>
    /// <exception cref="Formats.PolyposeFormatException">A video cannot be decoded (names it).</exception>
    public static IReadOnlyList<CameraDetections> Run(IMultiCameraFrameSource source, MoveNetMultiPose network, int longSide, string? output, Action<int, int>? progress = null) =>
        Run(source, network, new InputSizeRule { LongSide = longSide }, null, output, progress, out _);

    /// <summary>
    /// Detects every instant with a per-camera input size (<paramref name="sizes"/>, chosen on each camera's first image)
    /// and, when <paramref name="refiner"/> is given, MoveNet Thunder refinement of every person on a crop.
    /// </summary>
    /// <param name="source">The footage.</param>
    /// <param name="network">The network.</param>
    /// <param name="sizes">How each camera's network input long side is chosen.</param>
    /// <param name="refiner">Thunder refinement, or null for MultiPose's keypoints.</param>
    /// <param name="output">Folder to write (replaced), or null to write nothing.</param>
    /// <param name="progress">Called after each camera image with (done, total).</param>
    /// <param name="longSides">The long side used per camera (px, source camera order; 0 for a camera without images).</param>
    /// <exception cref="ArgumentException"><paramref name="sizes"/> names a camera the source lacks.</exception>
    public static IReadOnlyList<CameraDetections> Run(IMultiCameraFrameSource source, MoveNetMultiPose network, InputSizeRule sizes, MoveNetThunder? refiner, string? output, Action<int, int>? progress, out int[] longSides) =>
        Run(source, network, sizes, refiner, output, progress, Polypose.Tensors.Kernels.TensorThreads.Count, out longSides);

    /// <summary>
    /// As <see cref="Run(IMultiCameraFrameSource, MoveNetMultiPose, InputSizeRule, MoveNetThunder?, string?, Action{int, int}?, out int[])"/>
    /// with an explicit number of detection threads (capped by the camera count; 1 when <paramref name="refiner"/> is
    /// given, whose network is not replicated).
    /// </summary>
    /// <param name="source">The footage.</param>
    /// <param name="network">The network (used by the first worker; the others use replicas).</param>
    /// <param name="sizes">How each camera's network input long side is chosen.</param>
    /// <param name="refiner">Thunder refinement, or null for MultiPose's keypoints.</param>
    /// <param name="output">Folder to write (replaced), or null to write nothing.</param>
    /// <param name="progress">Called after each camera image with (done, total), on the calling thread.</param>
    /// <param name="workers">Detection threads (at least 1).</param>
    /// <param name="longSides">The long side used per camera (px, source camera order; 0 for a camera without images).</param>
    /// <exception cref="ArgumentException"><paramref name="sizes"/> names a camera the source lacks.</exception>
    public static IReadOnlyList<CameraDetections> Run(IMultiCameraFrameSource source, MoveNetMultiPose network, InputSizeRule sizes, MoveNetThunder? refiner, string? output, Action<int, int>? progress, int workers, out int[] longSides)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sizes);
        var unknown = sizes.PerCamera.Keys.FirstOrDefault(k => !source.Cameras.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"input size given for camera '{unknown}', which the footage lacks (cameras: {string.Join(", ", source.Cameras)})", nameof(sizes));
        }

        longSides = new int[source.Cameras.Count];
        string? full = null, staging = null;
        if (output is not null)
        {
            full = Path.GetFullPath(output);
            var parent = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(parent);
            staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }

            foreach (var camera in source.Cameras)
            {
                Directory.CreateDirectory(Path.Combine(staging, camera));
            }
        }

        var cameras = source.Cameras.Count;
        var frames = Enumerable.Range(0, cameras).Select(_ => new SortedDictionary<int, IReadOnlyList<Person2D>>()).ToArray();
        var letterboxes = new Letterbox?[cameras];
        var total = source.FrameCount * cameras;
        var done = 0;
        var nets = new MoveNetMultiPose[refiner is null ? Math.Min(workers, Math.Max(1, cameras)) : 1];
        nets[0] = network;
        for (var w = 1; w < nets.Length; w++)
        {
            nets[w] = network.Replica();
        }

        var images = new Images.RgbImage?[cameras];
        var found = new IReadOnlyList<DetectedPerson>[cameras];
        try
        {
            while (source.ReadNext())
            {
                for (var c = 0; c < cameras; c++)
                {
                    var image = images[c] = source.Image(c);
                    if (image is not null)
                    {
                        if (longSides[c] == 0)
                        {
                            longSides[c] = ChooseLongSide(sizes, source.Cameras[c], image, network);
                        }

                        if (letterboxes[c] is not { } box || box.ImageWidth != image.Width || box.ImageHeight != image.Height)
                        {
                            letterboxes[c] = Letterbox.Fit(image.Width, image.Height, longSides[c]);
                        }
                    }
                }

                DetectInstant(nets, images, letterboxes, found);
                for (var c = 0; c < cameras; c++)
                {
                    var image = images[c];
                    if (image is not null)
                    {
                        var people = found[c];
                        if (refiner is not null)
                        {
                            people = [.. people.Select(p => refiner.Refine(image, p))];
                        }

                        IReadOnlyList<Person2D> persons = [.. people.Select(p => new Person2D(KnownSkeletons.Coco17, [.. p.Keypoints.Select(k => new Keypoint2D(k.X, k.Y, k.Score))]))];
                        var number = source.SourceFrameNumber(c);
                        frames[c][number] = persons;
                        if (staging is not null)
                        {
                            var name = source.Cameras[c];
                            OpenPoseJson.Write(Path.Combine(staging, name, $"{name}_{number:D6}_keypoints.json"), persons);
                        }
                    }

                    progress?.Invoke(++done, total);
                }
            }

            if (staging is not null && full is not null)
            {
                if (Directory.Exists(full))
                {
                    Directory.Delete(full, true);
                }

                Directory.Move(staging, full);
            }

            return [.. frames.Select((f, c) => new CameraDetections(source.Cameras[c], f))];
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }
    }

    // Detects every camera image of one instant: camera c on network c mod workers, workers in parallel.
    private static void DetectInstant(MoveNetMultiPose[] nets, Images.RgbImage?[] images, Letterbox?[] boxes, IReadOnlyList<DetectedPerson>[] found)
    {
        if (nets.Length == 1)
        {
            DetectShare(nets[0], 0, 1, images, boxes, found);
            return;
        }

        try
        {
            Parallel.For(0, nets.Length, new ParallelOptions { MaxDegreeOfParallelism = nets.Length }, w => DetectShare(nets[w], w, nets.Length, images, boxes, found));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    private static void DetectShare(MoveNetMultiPose net, int first, int step, Images.RgbImage?[] images, Letterbox?[] boxes, IReadOnlyList<DetectedPerson>[] found)
    {
        for (var c = first; c < images.Length; c += step)
        {
            if (images[c] is { } image && boxes[c] is { } box)
            {
                found[c] = net.Detect(image, box);
            }
        }
    }

    /// <summary>The long side for one camera: given for it, auto (probe on its first image), or the default.</summary>
    public static int ChooseLongSide(InputSizeRule sizes, string camera, Images.RgbImage firstImage, MoveNetMultiPose network)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(firstImage);
        ArgumentNullException.ThrowIfNull(network);
        if (sizes.PerCamera.TryGetValue(camera, out var given))
        {
            return given;
        }

        if (!sizes.Auto)
        {
            return sizes.LongSide;
        }

        var probe = network.Detect(firstImage, Letterbox.Fit(firstImage.Width, firstImage.Height, sizes.ProbeLongSide));
        var heights = probe.Select(p => p.Box.YMax - p.Box.YMin).Order().ToList();
        var median = heights.Count == 0 ? 0 : heights.Count % 2 == 1 ? heights[heights.Count / 2] : (heights[(heights.Count / 2) - 1] + heights[heights.Count / 2]) / 2;
        return sizes.AutoLongSide(firstImage.Width, firstImage.Height, median);
    }
}
