using Polypose.Core.Options;
using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// Root candidates from the root heatmap (DisPOSE 2.3, reference quirk 11.2): keep the pixels equal to their 5×5
/// neighbourhood maximum (NMS), take the top K by value (ties: lower row-major index first), and empty the slots whose
/// score is ≤ <see cref="Threshold"/>. No sub-pixel refinement. Reference: K = 10, threshold 0.2 (0.15 on MM-OR).
/// </summary>
public sealed record RootCandidateExtractor
{
    private readonly int _slots = 10;
    private readonly double _threshold = 0.2;

    /// <summary>K, the candidate slots per view (also Stage I's N).</summary>
    public int Slots
    {
        get => _slots;
        init => _slots = OptionCheck.InRange(value, 1, 64, nameof(Slots));
    }

    /// <summary>Scores at or below this are empty slots.</summary>
    public double Threshold
    {
        get => _threshold;
        init => _threshold = OptionCheck.InRange(value, 0.0, 1.0, nameof(Threshold));
    }

    /// <summary>Returns <see cref="Slots"/> slots, best first, empty slots last.</summary>
    public RootCandidate[] Extract(ViewEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        int h = evidence.Affine.HeatmapHeight, w = evidence.Affine.HeatmapWidth;
        ReadOnlySpan<float> root = evidence.Heatmaps.Select(0, ViewEvidence.RootChannel).Contiguous().AsSpan();

        // Only values above the threshold can fill a slot (the slots stop at the first value at or below it), so the
        // NMS test runs only there: most of a rendered root map is zero.
        var threshold = Threshold;
        var peaks = new List<(float Value, int Index)>();
        for (var i = 0; i < root.Length; i++)
        {
            var v = root[i];
            if (v > threshold && IsLocalMax(root, w, h, i % w, i / w, v))
            {
                peaks.Add((v, i));
            }
        }

        peaks.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Index.CompareTo(b.Index));
        var result = new RootCandidate[Slots];
        for (var k = 0; k < Slots && k < peaks.Count; k++)
        {
            var (value, index) = peaks[k];
            if (value <= Threshold)
            {
                break;
            }

            int x = index % w, y = index / w;
            result[k] = new RootCandidate(x, y, value, evidence.Affine.HeatmapToImage.Apply(new Vec2(x, y)));
        }

        return result;
    }

    private static bool IsLocalMax(ReadOnlySpan<float> map, int w, int h, int x, int y, float v)
    {
        for (var yy = Math.Max(0, y - 2); yy <= Math.Min(h - 1, y + 2); yy++)
        {
            for (var xx = Math.Max(0, x - 2); xx <= Math.Min(w - 1, x + 2); xx++)
            {
                if (map[(yy * w) + xx] > v)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
