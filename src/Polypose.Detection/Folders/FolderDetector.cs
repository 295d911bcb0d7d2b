using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Formats.Detections;

namespace Polypose.Detection.Folders;

/// <summary>
/// Runs MoveNet MultiPose on every image of an <see cref="ImageFolderSet"/> and writes the Pose2Sim/OpenPose layout
/// that <c>polypose reconstruct</c> reads: <c>OUT/&lt;camera&gt;/&lt;camera&gt;_&lt;frame:D6&gt;_keypoints.json</c>, COCO-17
/// joints in original pixels. Everything is written into a temporary sibling folder that replaces OUT only when all
/// frames succeeded (nothing half-written).
/// </summary>
public static class FolderDetector
{
    /// <summary>Detects and writes; returns the number of people written per camera.</summary>
    /// <param name="set">Input images.</param>
    /// <param name="network">The network.</param>
    /// <param name="output">Destination folder (replaced).</param>
    /// <param name="longSide">Network input long side (rounded up to a multiple of 32).</param>
    /// <param name="progress">Called after each image with (done, total).</param>
    /// <exception cref="ImageFileException">An image cannot be read (names it).</exception>
    public static int[] Run(ImageFolderSet set, MoveNetMultiPose network, string output, int longSide, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(network);
        var full = Path.GetFullPath(output);
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, true);
        }

        var total = set.Files.Sum(f => f.Count);
        var done = 0;
        var counts = new int[set.Cameras.Count];
        try
        {
            for (var c = 0; c < set.Cameras.Count; c++)
            {
                var dir = Path.Combine(staging, set.Cameras[c]);
                Directory.CreateDirectory(dir);
                foreach (var (frame, file) in set.Files[c].OrderBy(kv => kv.Key))
                {
                    var image = ImageFile.Read(file);
                    var people = network.Detect(image, Letterbox.Fit(image.Width, image.Height, longSide));
                    var persons = people.Select(p => new Person2D(KnownSkeletons.Coco17, [.. p.Keypoints.Select(k => new Keypoint2D(k.X, k.Y, k.Score))])).ToList();
                    OpenPoseJson.Write(Path.Combine(dir, $"{set.Cameras[c]}_{frame:D6}_keypoints.json"), persons);
                    counts[c] += persons.Count;
                    progress?.Invoke(++done, total);
                }
            }

            if (Directory.Exists(full))
            {
                Directory.Delete(full, true);
            }

            Directory.Move(staging, full);
            return counts;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }
    }
}
