using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Stage I node features (DisPOSE 3.3): every candidate slot attends, by <see cref="ProjectiveDeformableAttention"/>
/// with no external query, from its root candidate's heatmap position normalised by the heatmap size, (x/W_hm, y/H_hm),
/// into its own view's feature levels. Levels <c>[samples·views, C, H_l, W_l]</c>, candidates
/// <c>[samples·views·slots]</c> → features <c>[samples·views·slots, d]</c>, zero for empty slots.
/// </summary>
public static class CandidateFeatures
{
    /// <summary>Computes the node features; <paramref name="slots"/> is N, the candidate slots per view.</summary>
    public static Tensor Compute(
        ProjectiveDeformableAttention attention, IReadOnlyList<Tensor> levels, IReadOnlyList<RootCandidate> candidates, int slots, int heatmapWidth, int heatmapHeight)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (levels.Count == 0 || candidates.Count != levels[0].Size(0) * slots)
        {
            throw new ArgumentException($"expected {(levels.Count == 0 ? 0 : levels[0].Size(0) * slots)} candidates (images·slots), got {candidates.Count}", nameof(candidates));
        }

        var images = levels[0].Size(0);
        var reference = new float[candidates.Count * 2];
        var mask = new float[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            reference[2 * i] = (float)candidates[i].HeatmapX / heatmapWidth;
            reference[(2 * i) + 1] = (float)candidates[i].HeatmapY / heatmapHeight;
            mask[i] = candidates[i].IsNode ? 1f : 0f;
        }

        var features = attention.Forward(levels, Tensor.FromArray(reference, images, slots, 2));
        return features.Reshape(candidates.Count, attention.Options.ModelDim) * Tensor.FromArray(mask, candidates.Count, 1);
    }
}
