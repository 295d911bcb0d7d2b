using Polypose.Core.Skeletons;

namespace Polypose.Core.Poses;

/// <summary>
/// Bottom-up 2D evidence of one view at one instant (the 4D Association detection layout): for every joint type of
/// <see cref="Skeleton"/> the list of candidates (pixels, score), and for every limb in <see cref="Limbs"/> a part-affinity
/// matrix <c>Affinity[l][a, b]</c> between candidate a of the limb's first joint and candidate b of its second joint.
/// </summary>
public sealed record PafFrame(
    Skeleton Skeleton,
    IReadOnlyList<Keypoint2D[]> Candidates,
    IReadOnlyList<(int From, int To)> Limbs,
    IReadOnlyList<double[,]> Affinity);
