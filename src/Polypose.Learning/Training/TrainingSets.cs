using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Training;

/// <summary>
/// The fixed, documented list of synthetic training scenes of <c>polypose train --synthetic N</c>: scene i (i = 0..)
/// has seed 1000 + i, rig kind i mod 5 (<see cref="RigKind"/> order) and 2 cameras for even i, 6 for odd i (never one
/// of <see cref="HeldOutSets.UnseenCameraCounts"/>; 9 and 10 cameras are left out too, as a person seen by V cameras
/// alone gives 2^V − V − 1 candidate hyperedges, too many for CPU training); people 1 + (i mod 7) on 2 cameras,
/// 1 + (i mod 5) on 6; <see cref="FramesPerScene"/> frames each.
/// </summary>
public static class TrainingSets
{
    /// <summary>Frames generated per training scene.</summary>
    public const int FramesPerScene = 40;

    /// <summary>Most training scenes.</summary>
    public const int MaxScenes = 1000;

    private static readonly int[] CameraCycle = [2, 6];

    /// <summary>Training scene <paramref name="index"/>.</summary>
    public static SyntheticSceneSpec Scene(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxScenes);
        var cameras = CameraCycle[index % CameraCycle.Length];
        var people = cameras == 6 ? 1 + (index % 5) : 1 + (index % 7);
        return new SyntheticSceneSpec(new RigSpec((RigKind)(index % 5), cameras), people, FramesPerScene, 1000 + index);
    }

    /// <summary>The first <paramref name="count"/> training scenes.</summary>
    public static IReadOnlyList<SyntheticSceneSpec> Synthetic(int count) => [.. Enumerable.Range(0, count).Select(Scene)];
}
