using Polypose.Detection.Folders;
using Polypose.Detection.Images;

namespace Polypose.Detection.Sources;

/// <summary>
/// <see cref="IMultiCameraFrameSource"/> over per-camera image folders (<see cref="ImageFolderSet"/>): the instants are
/// the union of the frame numbers in the file names; a camera without a file for an instant has no image there. Each
/// image is decoded when its instant is read (ImageSharp) and dropped at the next.
/// </summary>
public sealed class ImageFrameSource : IMultiCameraFrameSource
{
    private readonly ImageFolderSet set;
    private readonly RgbImage?[] images;
    private int position = -1;

    /// <summary>Wraps a scanned folder set.</summary>
    /// <param name="set">The folders.</param>
    public ImageFrameSource(ImageFolderSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        this.set = set;
        images = new RgbImage?[set.Cameras.Count];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Cameras => set.Cameras;

    /// <inheritdoc/>
    public int FrameCount => set.Frames.Count;

    /// <inheritdoc/>
    public double? FrameRate => null;

    /// <inheritdoc/>
    public int FrameNumber => position < 0 ? -1 : set.Frames[position];

    /// <summary>Gets the scanned folders.</summary>
    public ImageFolderSet Folders => set;

    /// <summary>Scans a folder of per-camera image folders.</summary>
    /// <param name="root">The folder.</param>
    /// <exception cref="ImageFileException">The folder is missing, empty, or a camera folder holds no images (names it).</exception>
    public static ImageFrameSource Open(string root) => new(ImageFolderSet.Open(root));

    /// <inheritdoc/>
    public int SourceFrameNumber(int camera) => position >= 0 && set.Files[camera].ContainsKey(set.Frames[position]) ? set.Frames[position] : -1;

    /// <inheritdoc/>
    /// <exception cref="ImageFileException">An image of this instant cannot be decoded (names the file).</exception>
    public bool ReadNext()
    {
        if (position + 1 >= set.Frames.Count)
        {
            return false;
        }

        position++;
        var frame = set.Frames[position];
        for (var c = 0; c < images.Length; c++)
        {
            images[c] = set.Files[c].TryGetValue(frame, out var file) ? ImageFile.Read(file) : null;
        }

        return true;
    }

    /// <inheritdoc/>
    public RgbImage? Image(int camera) => position < 0 ? null : images[camera];

    /// <inheritdoc/>
    public void Dispose()
    {
        Array.Clear(images);
    }
}
