using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Training;

/// <summary>
/// The synthetic scenes kept out of Stage I training, for the unseen-rig and crowd evaluations (learning.md 3.1): rigs
/// with 3, 4, 5, 7 and 8 cameras (every kind), and crowded scenes of 8-10 people. Training never uses these camera
/// counts nor more than 7 people (<see cref="TrainingSets"/>), and its seeds (1000-1999) are disjoint from these
/// (9000-9999), so a model trained by <c>polypose train --synthetic N</c> has seen none of them.
/// </summary>
public static class HeldOutSets
{
    /// <summary>Camera counts that never occur in training.</summary>
    public static IReadOnlyList<int> UnseenCameraCounts { get; } = [3, 4, 5, 7, 8];

    /// <summary>Smallest crowd that never occurs in training.</summary>
    public const int CrowdedPeople = 8;

    /// <summary>
    /// One scene per unseen camera count and rig kind: 4 people, 150 frames, seed 9000 + 10·cameras + kind index
    /// (kinds in <see cref="RigKind"/> order).
    /// </summary>
    public static IReadOnlyList<SyntheticSceneSpec> UnseenRigs { get; } =
        [.. UnseenCameraCounts.SelectMany(c => Enum.GetValues<RigKind>().Select(k => new SyntheticSceneSpec(new RigSpec(k, c), 4, 150, 9000 + (10 * c) + (int)k)))];

    /// <summary>Crowded scenes: 8, 9 and 10 people seen by 5-camera ring, corners and mixed rigs, 150 frames, seeds 9501-9509.</summary>
    public static IReadOnlyList<SyntheticSceneSpec> Crowded { get; } =
        [.. new[] { RigKind.Ring, RigKind.Corners, RigKind.Mixed }.SelectMany((k, i) => new[] { 8, 9, 10 }.Select((p, j) => new SyntheticSceneSpec(new RigSpec(k, 5), p, 150, 9501 + (3 * i) + j)))];

    /// <summary>Whether a scene would fall in a held-out set (its camera count, crowd size or seed range).</summary>
    public static bool IsHeldOut(SyntheticSceneSpec scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return UnseenCameraCounts.Contains(scene.Rig.Cameras) || scene.People >= CrowdedPeople || scene.Seed is >= 9000 and <= 9999;
    }
}
