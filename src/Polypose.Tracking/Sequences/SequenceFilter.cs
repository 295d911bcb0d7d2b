using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Tracking.Filters;

namespace Polypose.Tracking.Sequences;

/// <summary>
/// Runs a chain of <see cref="IJointFilter"/> over a tracked sequence: per person id, per joint, over the person's span
/// from its first to its last frame, one time step per frame of the list (frames are assumed evenly spaced at the
/// frame rate). People need unique ids within each frame (track them first). Filled joints take the lower confidence of
/// the present samples around the gap; a person brought back into a frame it was missing from (all of its filled
/// joints) is added to that frame with no per-view detections. Joints keep the edit marks they had and gain new ones.
/// </summary>
public static class SequenceFilter
{
    /// <summary>The filtered frames (same frame numbers and order).</summary>
    /// <exception cref="ArgumentException">Two people share an id in one frame.</exception>
    public static IReadOnlyList<Frame3D> Apply(IReadOnlyList<Frame3D> frames, IReadOnlyList<IJointFilter> chain, double frameRate, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(chain);
        if (!(double.IsFinite(frameRate) && frameRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "must be finite and > 0");
        }

        var slots = new Dictionary<int, Person3D?[]>();
        for (var t = 0; t < frames.Count; t++)
        {
            foreach (var p in frames[t].People)
            {
                if (!slots.TryGetValue(p.Id, out var row))
                {
                    row = new Person3D?[frames.Count];
                    slots[p.Id] = row;
                }

                if (row[t] is not null)
                {
                    throw new ArgumentException($"frame {frames[t].FrameIndex}: two people have id {p.Id}; ids must be unique per frame (track the sequence first)");
                }

                row[t] = p;
            }
        }

        var output = new List<Person3D>[frames.Count];
        for (var t = 0; t < frames.Count; t++)
        {
            output[t] = [];
        }

        var done = 0;
        foreach (var (id, row) in slots.OrderBy(kv => kv.Key))
        {
            FilterPerson(id, row, chain, frameRate, output);
            progress?.Report((double)++done / slots.Count);
        }

        return [.. frames.Select((f, t) => f with { People = output[t] })];
    }

    private static void FilterPerson(int id, Person3D?[] row, IReadOnlyList<IJointFilter> chain, double frameRate, List<Person3D>[] output)
    {
        var first = Array.FindIndex(row, p => p is not null);
        var last = Array.FindLastIndex(row, p => p is not null);
        var template = row[first]!;
        var skeleton = template.Skeleton;
        var span = last - first + 1;
        var joints = skeleton.JointCount;
        var positions = new Vec3[span, joints];
        var confidence = new double[span, joints];
        var marks = new JointEdits[span, joints];
        var axes = new[] { new double[span], new double[span], new double[span] };
        var present = new bool[span];
        var edits = new JointEdits[span];
        for (var j = 0; j < joints; j++)
        {
            for (var s = 0; s < span; s++)
            {
                var p = row[first + s];
                present[s] = p is not null && p.Has(j);
                edits[s] = p?.Flags is { } f ? f[j] : JointEdits.None;
                var v = present[s] ? p!.Joints[j] : Vec3.Zero;
                axes[0][s] = v.X;
                axes[1][s] = v.Y;
                axes[2][s] = v.Z;
                confidence[s, j] = present[s] ? p!.Confidence[j] : 0;
            }

            var measured = (bool[])present.Clone();
            foreach (var filter in chain)
            {
                filter.Apply(axes, present, edits, frameRate);
            }

            for (var s = 0; s < span; s++)
            {
                marks[s, j] = edits[s];
                if (!present[s])
                {
                    confidence[s, j] = 0;
                    continue;
                }

                positions[s, j] = new Vec3(axes[0][s], axes[1][s], axes[2][s]);
                if (!measured[s])
                {
                    confidence[s, j] = FillConfidence(measured, confidence, s, j);
                }
            }
        }

        for (var s = 0; s < span; s++)
        {
            var original = row[first + s];
            var jointsOut = new Vec3[joints];
            var confOut = new double[joints];
            var flags = new JointEdits[joints];
            var any = false;
            for (var j = 0; j < joints; j++)
            {
                jointsOut[j] = positions[s, j];
                confOut[j] = confidence[s, j];
                flags[j] = marks[s, j];
                any |= confOut[j] > 0;
            }

            if (original is null && !any)
            {
                continue;
            }

            var person = original is null
                ? new Person3D(id, skeleton, jointsOut, confOut, [])
                : original with { Joints = jointsOut, Confidence = confOut };
            output[first + s].Add(person with { Flags = flags.Any(f => f != JointEdits.None) ? flags : null });
        }
    }

    private static double FillConfidence(bool[] measured, double[,] confidence, int s, int j)
    {
        double before = 0, after = 0;
        for (var k = s - 1; k >= 0; k--)
        {
            if (measured[k])
            {
                before = confidence[k, j];
                break;
            }
        }

        for (var k = s + 1; k < measured.Length; k++)
        {
            if (measured[k])
            {
                after = confidence[k, j];
                break;
            }
        }

        var c = Math.Min(before, after);
        return c > 0 ? c : Math.Max(before, after);
    }
}
