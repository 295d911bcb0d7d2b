using Polypose.Detection.Images;
using Polypose.Video.Decoding;

namespace Polypose.Detection.Sources;

/// <summary>
/// <see cref="IMultiCameraFrameSource"/> over one video per camera (<see cref="SynchronisedVideoReader"/>: ffmpeg by pipe,
/// frame-accurate, each camera's offset applied). Frame numbers are the synchronised 0-based indices. One reused RGB
/// buffer per camera.
/// </summary>
public sealed class VideoFrameSource : IMultiCameraFrameSource
{
    private readonly SynchronisedVideoReader reader;
    private readonly RgbImage[] images;

    private VideoFrameSource(SynchronisedVideoReader reader)
    {
        this.reader = reader;
        Cameras = [.. reader.Sources.Select(s => s.Camera)];
        images = [.. Enumerable.Range(0, reader.Count).Select(c => new RgbImage(reader.Info(c).Width, reader.Info(c).Height, new byte[reader.Info(c).FrameBytes]))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Cameras { get; }

    /// <inheritdoc/>
    public int FrameCount => reader.FrameCount;

    /// <inheritdoc/>
    public double? FrameRate => reader.Rate.PerSecond;

    /// <inheritdoc/>
    public int FrameNumber => reader.FrameIndex;

    /// <summary>Gets the videos, in camera order (with their offsets).</summary>
    public IReadOnlyList<VideoSource> Sources => reader.Sources;

    /// <summary>
    /// Probes and opens the videos (see <see cref="SynchronisedVideoReader.Open"/> for what is checked: readable files, one
    /// frame rate, equal lengths after the offsets unless <paramref name="truncateToShortest"/>).
    /// </summary>
    /// <param name="sources">One video per camera.</param>
    /// <param name="truncateToShortest">Stop at the shortest video instead of refusing videos of different lengths.</param>
    /// <exception cref="Formats.PolyposeFormatException">A video is unreadable or the set is inconsistent (names the file).</exception>
    /// <exception cref="FfmpegMissingException">ffmpeg or ffprobe is not installed.</exception>
    public static VideoFrameSource Open(IReadOnlyList<VideoSource> sources, bool truncateToShortest = false) =>
        new(SynchronisedVideoReader.Open(sources, truncateToShortest));

    /// <inheritdoc/>
    public int SourceFrameNumber(int camera) => reader.FrameIndex < 0 ? -1 : reader.FrameIndex + reader.Sources[camera].Offset;

    /// <inheritdoc/>
    public bool ReadNext()
    {
        if (!reader.ReadNext())
        {
            return false;
        }

        for (var c = 0; c < images.Length; c++)
        {
            reader.Frame(c).CopyTo(images[c].Pixels);
        }

        return true;
    }

    /// <inheritdoc/>
    public RgbImage? Image(int camera) => reader.FrameIndex < 0 ? null : images[camera];

    /// <inheritdoc/>
    public void Dispose() => reader.Dispose();
}
