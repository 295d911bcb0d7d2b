using Polypose.Core.Poses;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Sources;

namespace Polypose.Detection.Runs;

/// <summary>
/// Streams every instant of an <see cref="IMultiCameraFrameSource"/> through MoveNet MultiPose, camera by camera, and
/// (optionally) writes the Pose2Sim/OpenPose layout that <c>polypose reconstruct</c> reads:
/// <c>OUT/&lt;camera&gt;/&lt;camera&gt;_&lt;frame:D6&gt;_keypoints.json</c>, COCO-17 joints in original pixels, frame numbers
/// of each camera's own footage. Frames are decoded, detected and dropped one instant at a time (memory does not grow
/// with the footage's length beyond the small per-frame keypoint lists returned; <see cref="StreamedDetection"/> is the
/// streaming form that returns nothing). The cameras of one instant are detected in parallel by up to <c>workers</c>
/// networks (<see cref="MoveNetMultiPose.Replica"/>, one per thread, cameras dealt round-robin: the output does not
/// depend on the worker count). The output is written into a temporary sibling folder that replaces OUT only
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
        var stream = StreamedDetection.Open(source, network, sizes, refiner, output, progress, workers);
        var detections = Collect(source.Cameras, stream.Instants());
        longSides = [.. stream.LongSides];
        return detections;
    }

    /// <summary>
    /// Gathers streamed instants into the people per camera, keyed by each camera's own frame numbers
    /// (<see cref="DetectedInstant.SourceFrameNumbers"/>; every picture read, an empty list where nobody was found).
    /// </summary>
    /// <param name="cameras">The camera names, in the instants' camera order.</param>
    /// <param name="instants">The instants (enumerated to the end).</param>
    public static IReadOnlyList<CameraDetections> Collect(IReadOnlyList<string> cameras, IEnumerable<DetectedInstant> instants)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(instants);
        var frames = Enumerable.Range(0, cameras.Count).Select(_ => new SortedDictionary<int, IReadOnlyList<Person2D>>()).ToArray();
        foreach (var instant in instants)
        {
            for (var c = 0; c < frames.Length; c++)
            {
                if (instant.People[c] is { } persons)
                {
                    frames[c][instant.SourceFrameNumbers[c]] = persons;
                }
            }
        }

        return [.. frames.Select((f, c) => new CameraDetections(cameras[c], f))];
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
