using Polypose.Formats;

namespace Polypose.Video.Decoding;

/// <summary>
/// Reads several cameras' videos in lockstep: after each <see cref="ReadNext"/>, <see cref="Frame"/>(c) is frame
/// <see cref="FrameIndex"/> + offset of camera c. The ffmpeg processes decode in parallel; each camera keeps one reused
/// frame buffer. All cameras must share a frame rate; their lengths after the offsets must agree unless
/// truncateToShortest is set at <see cref="Open"/>.
/// </summary>
public sealed class SynchronisedVideoReader : IDisposable
{
    private readonly VideoFrameReader[] readers;

    private SynchronisedVideoReader(IReadOnlyList<VideoSource> sources, VideoFrameReader[] readers, int length)
    {
        Sources = sources;
        this.readers = readers;
        FrameCount = length;
    }

    /// <summary>The videos, in camera order.</summary>
    public IReadOnlyList<VideoSource> Sources { get; }

    /// <summary>Number of cameras.</summary>
    public int Count => readers.Length;

    /// <summary>Synchronised frames that will be read (the common length after the offsets).</summary>
    public int FrameCount { get; }

    /// <summary>The shared frame rate.</summary>
    public FrameRate Rate => readers[0].Info.Rate;

    /// <summary>The 0-based synchronised index of the current frames; −1 before the first read.</summary>
    public int FrameIndex { get; private set; } = -1;

    /// <summary>The stream information of camera <paramref name="camera"/>.</summary>
    public VideoStreamInfo Info(int camera) => readers[camera].Info;

    /// <summary>The current frame of camera <paramref name="camera"/>, RGB24 <c>[Height, Width, 3]</c>; valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame(int camera) => readers[camera].Pixels;

    /// <summary>
    /// Probes every video and starts decoding. Throws <see cref="PolyposeFormatException"/> (one line naming the file) when a
    /// video is unreadable, when frame rates differ, when an offset is at or beyond a video's end, or when the lengths after
    /// the offsets differ and <paramref name="truncateToShortest"/> is false.
    /// </summary>
    public static SynchronisedVideoReader Open(IReadOnlyList<VideoSource> sources, bool truncateToShortest = false, int threadsPerVideo = 0)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("no videos given", nameof(sources));
        }

        var infos = sources.Select(s => VideoProbe.Probe(s.Path)).ToArray();
        for (var i = 0; i < sources.Count; i++)
        {
            if (!infos[i].Rate.Matches(infos[0].Rate))
            {
                throw new PolyposeFormatException(
                    sources[i].Path, $"camera '{sources[i].Camera}' runs at {infos[i].Rate} fps but camera '{sources[0].Camera}' ({sources[0].Path}) at {infos[0].Rate} fps; re-encode them to one frame rate");
            }

            if (sources[i].Offset < 0 || sources[i].Offset >= infos[i].FrameCount)
            {
                throw new PolyposeFormatException(
                    sources[i].Path, $"camera '{sources[i].Camera}': offset {sources[i].Offset} is outside its {infos[i].FrameCount} frames");
            }
        }

        var lengths = infos.Select((info, i) => info.FrameCount - sources[i].Offset).ToArray();
        var length = lengths.Min();
        if (!truncateToShortest && lengths.Max() != length)
        {
            var shortest = Array.IndexOf(lengths, length);
            var longest = Array.IndexOf(lengths, lengths.Max());
            throw new PolyposeFormatException(
                sources[shortest].Path,
                $"camera '{sources[shortest].Camera}' has {lengths[shortest]} frames after offset {sources[shortest].Offset} but camera '{sources[longest].Camera}' has {lengths[longest]}; " +
                "cameras must have the same number of frames (trim the videos, or give offsets)");
        }

        var readers = new List<VideoFrameReader>();
        try
        {
            foreach (var info in infos)
            {
                readers.Add(VideoFrameReader.Open(info, threadsPerVideo));
            }

            for (var i = 0; i < readers.Count; i++)
            {
                if (!readers[i].Skip(sources[i].Offset))
                {
                    throw new PolyposeFormatException(sources[i].Path, $"the video ended within its offset of {sources[i].Offset} frames");
                }
            }
        }
        catch
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }

            throw;
        }

        return new SynchronisedVideoReader(sources, [.. readers], length);
    }

    /// <summary>Reads the next synchronised frame of every camera; false after <see cref="FrameCount"/> frames.</summary>
    public bool ReadNext()
    {
        if (FrameIndex + 1 >= FrameCount)
        {
            return false;
        }

        foreach (var r in readers)
        {
            if (!r.ReadNext())
            {
                throw new PolyposeFormatException(r.Info.Path, $"the video ended after {r.FrameIndex + 1} frames, before the {FrameCount} synchronised frames");
            }
        }

        FrameIndex++;
        return true;
    }

    /// <summary>Stops every ffmpeg process.</summary>
    public void Dispose()
    {
        foreach (var r in readers)
        {
            r.Dispose();
        }
    }
}
