using Polypose.Tensors;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The per-view evidence of learning.md 2, the one interface every 2D source meets: J = 15 joint heatmaps in
/// Panoptic-15 order (<c>[15, H_hm, W_hm]</c>, root = mid-hip at channel 2, values in [0, 1]), optional PAF channels
/// (<c>[2·limbs, H_hm, W_hm]</c>, x and y per limb, in the source's limb order), and the affine between original
/// pixels and heatmap pixels. Built by <see cref="HeatmapRenderer"/> from keypoints or directly from heatmaps an image
/// network produced (<see cref="FromHeatmaps"/>).
/// </summary>
public sealed class ViewEvidence
{
    /// <summary>J, the number of heatmap channels (Panoptic-15).</summary>
    public const int JointCount = 15;

    /// <summary>The root (mid-hip) channel.</summary>
    public const int RootChannel = 2;

    private ViewEvidence(ViewAffine affine, Tensor heatmaps, Tensor? pafs)
    {
        Affine = affine;
        Heatmaps = heatmaps;
        Pafs = pafs;
    }

    /// <summary>Original pixels ↔ heatmap pixels.</summary>
    public ViewAffine Affine { get; }

    /// <summary><c>[15, H_hm, W_hm]</c> joint heatmaps, Panoptic-15 order.</summary>
    public Tensor Heatmaps { get; }

    /// <summary><c>[2·limbs, H_hm, W_hm]</c> part-affinity channels, or null when the source has none.</summary>
    public Tensor? Pafs { get; }

    /// <summary>The <c>[views, 15, H_hm, W_hm]</c> tensor whose view <see cref="BatchIndex"/> is <see cref="Heatmaps"/>, or null.</summary>
    internal Tensor? Batch { get; private set; }

    /// <summary>The index of this view in <see cref="Batch"/>.</summary>
    internal int BatchIndex { get; private set; }

    /// <summary>Records that <see cref="Heatmaps"/> is view <paramref name="index"/> of <paramref name="batch"/>; returns this.</summary>
    internal ViewEvidence InBatch(Tensor batch, int index)
    {
        Batch = batch;
        BatchIndex = index;
        return this;
    }

    /// <summary>
    /// Wraps heatmaps produced elsewhere (an image network, or <see cref="HeatmapRenderer"/>); throws
    /// <see cref="ArgumentException"/> when a shape disagrees with <paramref name="affine"/> or a value is not finite.
    /// </summary>
    public static ViewEvidence FromHeatmaps(ViewAffine affine, Tensor heatmaps, Tensor? pafs = null)
    {
        ArgumentNullException.ThrowIfNull(affine);
        ArgumentNullException.ThrowIfNull(heatmaps);
        int h = affine.HeatmapHeight, w = affine.HeatmapWidth;
        if (heatmaps.DType != DType.Float32 || heatmaps.NDim != 3 || heatmaps.Size(0) != JointCount || heatmaps.Size(1) != h || heatmaps.Size(2) != w)
        {
            throw new ArgumentException($"heatmaps must be float32 [{JointCount}, {h}, {w}], got [{string.Join(", ", heatmaps.Shape)}]", nameof(heatmaps));
        }

        if (pafs is not null && (pafs.DType != DType.Float32 || pafs.NDim != 3 || pafs.Size(0) % 2 != 0 || pafs.Size(1) != h || pafs.Size(2) != w))
        {
            throw new ArgumentException($"pafs must be float32 [2·limbs, {h}, {w}], got [{string.Join(", ", pafs.Shape)}]", nameof(pafs));
        }

        CheckFinite(heatmaps, nameof(heatmaps));
        if (pafs is not null)
        {
            CheckFinite(pafs, nameof(pafs));
        }

        return new ViewEvidence(affine, heatmaps, pafs);
    }

    // A finite sum proves every value finite (a NaN or an infinity makes the sum NaN or infinite); only a sum that is not
    // finite (a bad value, or an overflow) needs the element scan that names the place. No copy of the data.
    private static void CheckFinite(Tensor t, string name)
    {
        ReadOnlySpan<float> data = t.Contiguous().AsSpan();
        if (float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(data)))
        {
            return;
        }

        for (var i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                throw new ArgumentException($"{name}: value {data[i]} at flat index {i} is not finite", name);
            }
        }
    }
}
