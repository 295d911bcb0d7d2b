using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Polypose.Export.Overlays;

/// <summary>
/// Writes RGB24 pictures as <c>FOLDER/frame_&lt;number:D6&gt;.png</c> (ImageSharp). Everything goes into a temporary
/// sibling folder that replaces FOLDER on <see cref="Complete"/>; disposing without completing removes it (nothing
/// half-written).
/// </summary>
public sealed class PngSequenceWriter : IDisposable
{
    private readonly string destination;
    private readonly string staging;
    private bool completed;

    /// <summary>Prepares the temporary folder beside <paramref name="folder"/>.</summary>
    /// <param name="folder">Destination folder (replaced on completion).</param>
    public PngSequenceWriter(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        destination = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(parent);
        staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.{Environment.ProcessId}.tmp");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, true);
        }

        Directory.CreateDirectory(staging);
    }

    /// <summary>Gets the number of pictures written so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Writes one picture.</summary>
    /// <param name="frame">The frame number in the file name.</param>
    /// <param name="rgb">RGB24 pixels, rows top to bottom.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public void Write(int frame, ReadOnlySpan<byte> rgb, int width, int height)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        image.SaveAsPng(Path.Combine(staging, $"frame_{frame:D6}.png"));
        FrameCount++;
    }

    /// <summary>Moves the pictures to the destination folder (replacing it).</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(completed, this);
        completed = true;
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, true);
        }

        Directory.Move(staging, destination);
    }

    /// <summary>Removes the temporary folder if the sequence was not completed.</summary>
    public void Dispose()
    {
        completed = true;
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, true);
        }
    }
}
