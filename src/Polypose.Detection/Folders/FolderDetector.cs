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
    /// <summary>Detects and writes; returns the number of people written per camera.</summary>
    /// <param name="set">Input images.</param>
    /// <param name="network">The network.</param>
    /// <param name="output">Destination folder (replaced).</param>
    /// <param name="longSide">Network input long side (rounded up to a multiple of 32).</param>
    /// <param name="progress">Called after each image with (done, total).</param>
    /// <exception cref="Images.ImageFileException">An image cannot be read (names it).</exception>
    public static int[] Run(ImageFolderSet set, MoveNetMultiPose network, string output, int longSide, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var source = new ImageFrameSource(set);
        var result = DetectionRunner.Run(source, network, longSide, output, progress);
        return [.. result.Select(r => r.PersonCount)];
    }
}
