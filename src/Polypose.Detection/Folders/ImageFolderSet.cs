using Polypose.Detection.Images;
using Polypose.Formats.Detections;

namespace Polypose.Detection.Folders;

/// <summary>
/// Synchronised multi-camera image folders: one sub-folder per camera (sorted by name = camera order), each holding
/// image files (<c>.jpg</c>, <c>.jpeg</c>, <c>.png</c>, <c>.bmp</c>) whose frame number is the last run of digits in
/// the file name (<see cref="FrameNumbers"/>; <c>00_03_00004500.jpg</c> → 4500). Frames are matched across cameras by
/// that number; a camera lacking a frame is empty there.
/// </summary>
public sealed class ImageFolderSet
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];

    private ImageFolderSet(string root, IReadOnlyList<string> cameras, IReadOnlyList<IReadOnlyDictionary<int, string>> files, IReadOnlyList<int> frames)
    {
        Root = root;
        Cameras = cameras;
        Files = files;
        Frames = frames;
    }

    /// <summary>Gets the folder that was opened.</summary>
    public string Root { get; }

    /// <summary>Gets the camera names (sub-folder names), in order.</summary>
    public IReadOnlyList<string> Cameras { get; }

    /// <summary>Gets, per camera, the image file of each frame number.</summary>
    public IReadOnlyList<IReadOnlyDictionary<int, string>> Files { get; }

    /// <summary>Gets the union of the frame numbers, ascending.</summary>
    public IReadOnlyList<int> Frames { get; }

    /// <summary>Scans a folder.</summary>
    /// <exception cref="ImageFileException">The folder is missing, has no camera sub-folders, a camera has no images, a
    /// name holds no frame number, or two files of a camera share one (the message names them).</exception>
    public static ImageFolderSet Open(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new ImageFileException($"{root}: image folder not found");
        }

        var cameras = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (cameras.Count == 0)
        {
            throw new ImageFileException($"{root}: no camera sub-folders (expected one folder of images per camera)");
        }

        var files = new List<IReadOnlyDictionary<int, string>>();
        foreach (var camera in cameras)
        {
            var folder = Path.Combine(root, camera);
            var byFrame = new Dictionary<int, string>();
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
            {
                if (!FrameNumbers.TryParse(file, out var frame))
                {
                    throw new ImageFileException($"{file}: no frame number in the file name");
                }

                if (byFrame.TryGetValue(frame, out var other))
                {
                    throw new ImageFileException($"{file}: frame {frame} already given by {Path.GetFileName(other)}");
                }

                byFrame[frame] = file;
            }

            if (byFrame.Count == 0)
            {
                throw new ImageFileException($"{folder}: camera folder holds no images ({string.Join(", ", Extensions)})");
            }

            files.Add(byFrame);
        }

        var frames = files.SelectMany(f => f.Keys).Distinct().Order().ToList();
        return new ImageFolderSet(Path.GetFullPath(root), cameras, files, frames);
    }
}
