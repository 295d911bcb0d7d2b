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
    /// Thunder refinement of every person on a crop, and writes.
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
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sizes);
        var unknown = sizes.PerCamera.Keys.FirstOrDefault(k => !set.Cameras.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"input size given for camera '{unknown}', which {set.Root} lacks (cameras: {string.Join(", ", set.Cameras)})", nameof(sizes));
        }

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
        var sides = new int[set.Cameras.Count];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (var c = 0; c < set.Cameras.Count; c++)
            {
                var dir = Path.Combine(staging, set.Cameras[c]);
                Directory.CreateDirectory(dir);
                var first = true;
                foreach (var (frame, file) in set.Files[c].OrderBy(kv => kv.Key))
                {
                    var image = ImageFile.Read(file);
                    if (first)
                    {
                        sides[c] = ChooseLongSide(sizes, set.Cameras[c], image, network);
                        first = false;
                    }

                    var people = network.Detect(image, Letterbox.Fit(image.Width, image.Height, sides[c]));
                    if (refiner is not null)
                    {
                        people = [.. people.Select(p => refiner.Refine(image, p))];
                    }

                    var persons = people.Select(p => new Person2D(KnownSkeletons.Coco17, [.. p.Keypoints.Select(k => new Keypoint2D(k.X, k.Y, k.Score))])).ToList();
                    OpenPoseJson.Write(Path.Combine(dir, $"{set.Cameras[c]}_{frame:D6}_keypoints.json"), persons);
                    counts[c] += persons.Count;
                    progress?.Invoke(++done, total);
                }
            }

            var seconds = watch.Elapsed.TotalSeconds;
            if (Directory.Exists(full))
            {
                Directory.Delete(full, true);
            }

            Directory.Move(staging, full);
            return new FolderDetectionResult(counts, sides, seconds / Math.Max(1, total));
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }
    }

    /// <summary>The long side for one camera: given for it, auto (probe on its first image), or the default.</summary>
    public static int ChooseLongSide(InputSizeRule sizes, string camera, RgbImage firstImage, MoveNetMultiPose network)
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
