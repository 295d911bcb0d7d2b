using Polypose.Formats;
using Polypose.Video.Decoding;

namespace Polypose.Detection.Sources;

/// <summary>
/// A folder holding one video per camera: every file with a video extension (<see cref="Extensions"/>) directly in the
/// folder; the camera name is the file name without its extension (<c>cam01.mp4</c> → <c>cam01</c>), cameras sorted by name.
/// </summary>
public static class VideoFolder
{
    /// <summary>The file extensions taken as videos (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".mp4", ".mov", ".avi", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".mts", ".ts"];

    /// <summary>Lists the videos of a folder, one per camera, with no offsets.</summary>
    /// <param name="folder">The folder.</param>
    /// <exception cref="PolyposeFormatException">The folder is missing, holds no video, or two videos share a camera name.</exception>
    public static IReadOnlyList<VideoSource> Scan(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new PolyposeFormatException(folder, "video folder not found");
        }

        var byCamera = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()) || Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            var camera = Path.GetFileNameWithoutExtension(file);
            if (byCamera.TryGetValue(camera, out var other))
            {
                throw new PolyposeFormatException(file, $"camera '{camera}' already has a video ({Path.GetFileName(other)}); keep one video per camera");
            }

            byCamera[camera] = file;
        }

        if (byCamera.Count == 0)
        {
            throw new PolyposeFormatException(folder, $"no video files ({string.Join(", ", Extensions)}) in the folder; expected one video per camera named after the camera");
        }

        return [.. byCamera.Select(kv => new VideoSource(kv.Key, kv.Value))];
    }
}
