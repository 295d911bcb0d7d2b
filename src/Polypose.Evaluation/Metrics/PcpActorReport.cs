namespace Polypose.Evaluation.Metrics;

/// <summary>PCP of one GT actor.</summary>
/// <param name="ActorId">GT id (0-based; Shelf actor n has id n − 1).</param>
/// <param name="Instances">Frames in which the actor is annotated.</param>
/// <param name="Scored">Instances whose parts were scored (all of them under VoxelPose; matched ones under 4D Association).</param>
/// <param name="Pcp">Correct parts / scored parts (equal to the mean of the 10 part rates).</param>
/// <param name="Parts">Correct/total per part, in <see cref="ShelfPart.All"/> order.</param>
/// <param name="Recall500">Fraction of <paramref name="Instances"/> recalled (see <see cref="PcpReport.Recall500"/>).</param>
public sealed record PcpActorReport(
    int ActorId, int Instances, int Scored, double? Pcp, IReadOnlyList<PcpCount> Parts, double? Recall500);
