namespace Polypose.Core.Skeletons;

/// <summary>
/// Part-affinity-field limb orders: (first joint, second joint) index pairs, in the channel order that detection
/// files use. Directions matter: affinity matrices have rows = candidates of the first joint.
/// </summary>
public static class PafLimbs
{
    /// <summary>OpenPose BODY_25's 26 PAF limbs in its channel order (BODY25 joint indices), as in the 4D Association files.</summary>
    public static IReadOnlyList<(int From, int To)> Body25 { get; } =
    [
        (1, 8), (9, 10), (10, 11), (8, 9), (8, 12), (12, 13), (13, 14), (1, 2), (2, 3), (3, 4), (2, 17), (1, 5), (5, 6),
        (6, 7), (5, 18), (1, 0), (0, 15), (0, 16), (15, 17), (16, 18), (14, 19), (19, 20), (14, 21), (11, 22), (22, 23),
        (11, 24),
    ];

    /// <summary>The 4D Association SKEL19 PAF limbs (18; SKEL19 joint indices): BODY25 PAFs 0–15, 20 and 23 mapped to SKEL19.</summary>
    public static IReadOnlyList<(int From, int To)> Skel19 { get; } =
    [
        (1, 0), (2, 7), (7, 13), (0, 2), (0, 3), (3, 8), (8, 14), (1, 5), (5, 11), (11, 15), (5, 9), (1, 6), (6, 12),
        (12, 16), (6, 10), (1, 4), (14, 17), (13, 18),
    ];

    /// <summary>
    /// The PAF limb order of a skeleton (<see cref="KnownSkeletons.Body25"/> or <see cref="KnownSkeletons.Skel19"/>, by
    /// identity); null for skeletons without one.
    /// </summary>
    public static IReadOnlyList<(int From, int To)>? For(Skeleton skeleton) =>
        ReferenceEquals(skeleton, KnownSkeletons.Body25) ? Body25
        : ReferenceEquals(skeleton, KnownSkeletons.Skel19) ? Skel19
        : null;
}
