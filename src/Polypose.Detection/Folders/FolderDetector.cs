using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Runs;
using Polypose.Detection.Sources;

namespace Polypose.Detection.Folders;

/// <summary>
/// Runs MoveNet MultiPose on every image of an <see cref="ImageFolderSet"/> and writes the Pose2Sim/OpenPose layout
/// that <c>polypose reconstruct</c> reads (see <see cref="DetectionRunner"/>): <c>OUT/&lt;camera&gt;/&lt;camera&gt;_&lt;frame:D6&gt;_keypoints.json</c>,
/// COCO-17 joints in original pixels, OUT replaced only when all frames succeeded (nothing half-written).
/// </summary>
public static class FolderDetector
{
    /// <summary>Detects at one long side for every camera and writes; returns the number of people written per camera.</summary>
    /// <param name="set">Input images.</param>
    /// <param name="network">The network.</param>
    /// <param name="output">Destination folder (replaced).</param>
    /// <param name="longSide">Network input long side (rounded up to a multiple of 32).</param>
    /// <param name="progress">Called after each image with (done, total).</param>
    /// <exception cref="ImageFileException">An image cannot be read (names it).</exception>
    public static int[] Run(ImageFolderSet set, MoveNetMultiPose network, string output, int longSide, Action<int, int>? progress = null) =>
        Run(set, network, output, new InputSizeRule { LongSide = longSide }, null, progress).PeoplePerCamera;

    /// <summary>
    /// Detects with a per-camera input size (<paramref name="sizes"/>) and, when <paramref name="refiner"/> is given,
    /// Thunder refinement of every person on a crop, and writes (through <see cref="DetectionRunner"/>).
    /// </summary>
    /// <param name="set">Input images.</param>
    /// <param name="network">The network.</param>
    /// <param name="output">Destination folder (replaced).</param>
    /// <param name="sizes">How each camera's input size is chosen.</param>
    /// <param name="refiner">Thunder refinement, or null for MultiPose's keypoints.</param>
    /// <param name="progress">Called after each image with (done, total).</param>
    /// <exception cref="ImageFileException">An image cannot be read (names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="sizes"/> names a camera the folder lacks.</exception>
    public static FolderDetectionResult Run(ImageFolderSet set, MoveNetMultiPose network, string output, InputSizeRule sizes, MoveNetThunder? refiner, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var source = new ImageFrameSource(set);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = DetectionRunner.Run(source, network, sizes, refiner, output, progress, out var sides);
        var total = set.Files.Sum(f => f.Count);
        return new FolderDetectionResult([.. result.Select(r => r.PersonCount)], sides, watch.Elapsed.TotalSeconds / Math.Max(1, total));
    }
}
