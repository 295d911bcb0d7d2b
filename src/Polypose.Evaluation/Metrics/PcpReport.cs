namespace Polypose.Evaluation.Metrics;

/// <summary>
/// The result of a <see cref="PcpMetric"/>: plain numbers, strings and lists, ready for JSON. Rates are fractions in
/// [0, 1] (multiply by 100 for the published tables); a rate is null when its total is 0.
/// </summary>
/// <param name="Protocol">"voxelpose" or "4d-association".</param>
/// <param name="Description">A one-line description of the protocol's rules.</param>
/// <param name="Alpha">The PCP factor α.</param>
/// <param name="Comparison">"&lt;=" or "&lt;".</param>
/// <param name="FrameCount">Frames added.</param>
/// <param name="Actors">Per scored actor, ascending id.</param>
/// <param name="AverageActorIds">The actor ids requested for the average.</param>
/// <param name="Average">Mean of the per-actor PCPs of those of <paramref name="AverageActorIds"/> that have data.</param>
/// <param name="BoneGroups">Correct/total per bone group, pooled over the scored actors.</param>
/// <param name="GtInstances">GT actor instances (actor × frame) of the scored actors.</param>
/// <param name="Recall500">Fraction of those instances whose matched prediction has 14-joint MPJPE below the recall threshold.</param>
/// <param name="RecallThreshold">That threshold (mm, 500 by default).</param>
public sealed record PcpReport(
    string Protocol,
    string Description,
    double Alpha,
    string Comparison,
    int FrameCount,
    IReadOnlyList<PcpActorReport> Actors,
    IReadOnlyList<int> AverageActorIds,
    double? Average,
    IReadOnlyList<PcpCount> BoneGroups,
    int GtInstances,
    double? Recall500,
    double RecallThreshold);
