using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Training;

/// <summary>
/// The fixed, documented list of synthetic training scenes of <c>polypose train --synthetic N</c> (learning.md 3.1:
/// many random rigs, 1-10 people). Scene i (i = 0..) has seed 1000 + i (never in the held-out seed range
/// <see cref="HeldOutSets.FirstSeed"/>–<see cref="HeldOutSets.LastSeed"/>), camera count
/// <see cref="CameraCycle"/>[i mod 7] (2-8 cameras), rig kind i mod 5 (<see cref="RigKind"/> order) and
/// 1 + ((i div 5) mod 10) people (1-10); 7, 5 and 50 are coprime, so the first 350 scenes hold every
/// (cameras, kind, people) combination once. The rigs themselves (placement, lenses, distortion) are drawn from the
/// seed, so a training rig with the camera count of a held-out rig is still another rig. 9 and 10 cameras are left
/// out: a person seen by V cameras alone gives 2^V − V − 1 candidate hyperedges before the pair pre-filter, too many
/// for CPU training. <see cref="FramesPerScene"/> frames each.
/// </summary>
public static class TrainingSets
{
    /// <summary>Frames generated per training scene.</summary>
    public const int FramesPerScene = 40;

    /// <summary>Most training scenes.</summary>
    public const int MaxScenes = 1000;

    /// <summary>Camera counts of the training scenes, in cycle order.</summary>
    public static IReadOnlyList<int> CameraCycle { get; } = [2, 3, 4, 5, 6, 7, 8];

    /// <summary>Training scene <paramref name="index"/>.</summary>
    public static SyntheticSceneSpec Scene(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxScenes);
        var cameras = CameraCycle[index % CameraCycle.Count];
        var people = 1 + (index / 5 % 10);
        return new SyntheticSceneSpec(new RigSpec((RigKind)(index % 5), cameras), people, FramesPerScene, 1000 + index);
    }

    /// <summary>The first <paramref name="count"/> training scenes.</summary>
    public static IReadOnlyList<SyntheticSceneSpec> Synthetic(int count) => [.. Enumerable.Range(0, count).Select(Scene)];
}
