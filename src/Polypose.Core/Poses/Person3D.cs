using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Core.Poses;

/// <summary>
/// One reconstructed person: 3D joints in world millimetres (z-up) for <see cref="Skeleton"/>, a confidence per joint
/// (0 = joint missing; its position is then <see cref="Vec3.Zero"/> and must be ignored), and, per view, the index of
/// the 2D detection that formed it (−1 = not seen in that view).
/// </summary>
public sealed record Person3D(int Id, Skeleton Skeleton, Vec3[] Joints, double[] Confidence, int[] DetectionPerView)
{
    /// <summary>True when joint j was reconstructed.</summary>
    public bool Has(int j) => Confidence[j] > 0;

    /// <summary>
    /// Per-joint post-processing flags [J] (filled by gap filling, rejected as an outlier), or null when no joint is
    /// flagged.
    /// </summary>
    public JointEdits[]? Flags { get; init; }

    /// <summary>The number of views that contributed a detection.</summary>
    public int ViewCount => DetectionPerView.Count(d => d >= 0);
}
