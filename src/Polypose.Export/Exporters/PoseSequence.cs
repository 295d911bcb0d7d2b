using Polypose.Core.Skeletons;
using Polypose.Formats;
using Polypose.Formats.Poses3D;

namespace Polypose.Export.Exporters;

/// <summary>
/// A pose sequence ready for export: a skeleton, a frame rate and one <see cref="PersonTrack"/> per id on a uniform
/// time grid of <see cref="FrameCount"/> rows. Row r is frame number <c>FirstFrame + r</c> at time <c>r / Fps</c>
/// seconds; frame numbers missing from the input become rows where nobody is present.
/// </summary>
public sealed class PoseSequence
{
    /// <summary>The most rows allowed per input frame before the numbering is called sparse (guards against typos).</summary>
    private const int SparseFactor = 4;

    private PoseSequence(Skeleton skeleton, double fps, int firstFrame, int frameCount, IReadOnlyList<PersonTrack> people, IReadOnlyList<string> cameras)
    {
        Skeleton = skeleton;
        Fps = fps;
        FirstFrame = firstFrame;
        FrameCount = frameCount;
        People = people;
        CameraNames = cameras;
    }

    /// <summary>The joint set of every person.</summary>
    public Skeleton Skeleton { get; }

    /// <summary>Frames per second.</summary>
    public double Fps { get; }

    /// <summary>The frame number of row 0.</summary>
    public int FirstFrame { get; }

    /// <summary>Rows on the time grid (last frame number − first + 1).</summary>
    public int FrameCount { get; }

    /// <summary>People sorted by id.</summary>
    public IReadOnlyList<PersonTrack> People { get; }

    /// <summary>Camera names (the order of <see cref="PersonTrack.CameraMaskAt"/> bits).</summary>
    public IReadOnlyList<string> CameraNames { get; }

    /// <summary>The time of row r in seconds (row 0 at 0 s).</summary>
    public double TimeOf(int row) => row / Fps;

    /// <summary>The input frame number of row r.</summary>
    public int FrameNumberOf(int row) => FirstFrame + row;

    /// <summary>
    /// Builds the sequence from a Polypose 3D pose document. <paramref name="source"/> names the file in error messages.
    /// </summary>
    /// <exception cref="PolyposeFormatException">No frames or no people, frame numbers not increasing, or a repeated id in a frame.</exception>
    public static PoseSequence From(Poses3DDocument document, double fps, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!(fps > 0 && double.IsFinite(fps)))
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "must be finite and > 0");
        }

        var frames = document.Frames;
        if (frames.Count == 0)
        {
            throw new PolyposeFormatException(source, "the sequence is empty (no frames): nothing to export", place: "frames");
        }

        for (var i = 1; i < frames.Count; i++)
        {
            if (frames[i].FrameIndex <= frames[i - 1].FrameIndex)
            {
                throw new PolyposeFormatException(source, $"frame numbers must increase but frame {frames[i].FrameIndex} follows frame {frames[i - 1].FrameIndex}", place: $"frames[{i}].frame");
            }
        }

        var first = frames[0].FrameIndex;
        var span = (long)frames[^1].FrameIndex - first + 1;
        if (span > int.MaxValue / 64 || (span > 1000 && span > (long)SparseFactor * frames.Count))
        {
            throw new PolyposeFormatException(source, $"{frames.Count} frames are spread over frame numbers {first}-{frames[^1].FrameIndex}: the numbering is too sparse for a uniform time grid (check the file's frame numbers and the frame rate)", place: "frames");
        }

        var rows = (int)span;
        var skeleton = document.Skeleton;

        // First pass: each id's first and last row (tracks store only that range); repeated ids are rejected here.
        var ranges = new SortedDictionary<int, (int First, int Last)>();
        for (var i = 0; i < frames.Count; i++)
        {
            var row = frames[i].FrameIndex - first;
            var seen = new HashSet<int>();
            for (var p = 0; p < frames[i].People.Count; p++)
            {
                var id = frames[i].People[p].Id;
                if (!seen.Add(id))
                {
                    throw new PolyposeFormatException(source, $"person id {id} appears twice in frame {frames[i].FrameIndex}", place: $"frames[{i}].people[{p}].id");
                }

                ranges[id] = ranges.TryGetValue(id, out var range) ? (range.First, row) : (row, row);
            }
        }

        var tracks = ranges.ToDictionary(kv => kv.Key, kv => new PersonTrack(kv.Key, kv.Value.First, kv.Value.Last, skeleton.JointCount));
        for (var i = 0; i < frames.Count; i++)
        {
            var row = frames[i].FrameIndex - first;
            foreach (var person in frames[i].People)
            {
                var track = tracks[person.Id];
                var mask = 0;
                for (var v = 0; v < person.DetectionPerView.Length && v < 31; v++)
                {
                    if (person.DetectionPerView[v] >= 0)
                    {
                        mask |= 1 << v;
                    }
                }

                track.MarkPresent(row, mask);
                for (var j = 0; j < skeleton.JointCount; j++)
                {
                    var c = person.Confidence[j];
                    if (c > 0 && person.Joints[j].IsFinite)
                    {
                        track.Set(row, j, person.Joints[j], c);
                    }
                }
            }
        }

        if (tracks.Count == 0)
        {
            throw new PolyposeFormatException(source, $"the sequence has {frames.Count} frames but no people: nothing to export", place: "frames");
        }

        return new PoseSequence(skeleton, fps, first, rows, [.. ranges.Keys.Select(id => tracks[id])], document.CameraNames);
    }
}
