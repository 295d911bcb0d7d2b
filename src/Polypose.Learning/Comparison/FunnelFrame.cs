namespace Polypose.Learning.Comparison;

/// <summary>
/// One frame of an assigner as the recall funnel (<see cref="AssociationFunnel"/>) sees it, the same for the teacher
/// and the learned Stage I. Node keys are per view: a detection index for the teacher, a root candidate slot for Stage I.
/// </summary>
/// <param name="NodeOf">
/// <c>NodeOf[v][d]</c> = the node key of detection d of view v, or a negative reason why it has none:
/// <see cref="NotANode"/>, <see cref="SlotsFull"/>, <see cref="Merged"/>, <see cref="NoPeak"/>.
/// </param>
/// <param name="Edges">The candidate hyperedges, <c>[edges][views]</c>: node key per view, −1 = dustbin.</param>
/// <param name="Eligible">Per edge, whether the selection step may pick it (Stage I: S_e above the matcher threshold and
/// at least two real views; the teacher: every edge).</param>
/// <param name="Accepted">The edges the selection step picked (indices into <paramref name="Edges"/>).</param>
/// <param name="Groups">The assigner's output groups of detections, <c>[groups][views]</c> (detection index, −1 = none).</param>
/// <param name="Masses">Stage I's sampled mass x̂0 per edge, or null (teacher).</param>
public sealed record FunnelFrame(
    IReadOnlyList<int[]> NodeOf,
    IReadOnlyList<int[]> Edges,
    IReadOnlyList<bool> Eligible,
    IReadOnlyList<int> Accepted,
    IReadOnlyList<int[]> Groups,
    IReadOnlyList<float>? Masses = null)
{
    /// <summary>The detection is not a node (teacher: too few usable joints; Stage I: no rendered root).</summary>
    public const int NotANode = -1;

    /// <summary>Stage I: every candidate slot of the view is taken by other peaks.</summary>
    public const int SlotsFull = -2;

    /// <summary>Stage I: another detection's rendered root lies within 2 heatmap pixels (one NMS window): merged peaks.</summary>
    public const int Merged = -3;

    /// <summary>Stage I: no peak of its own for another reason (score at or below the threshold, or matched elsewhere).</summary>
    public const int NoPeak = -4;
}
