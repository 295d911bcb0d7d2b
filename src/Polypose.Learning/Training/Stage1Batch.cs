using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;

namespace Polypose.Learning.Training;

/// <summary>
/// One Stage I training batch: B' = frames × augmentation slots samples of one rig. <see cref="Evidence"/>
/// <c>[samples·views]</c>, <see cref="Candidates"/> <c>[samples·views·slots]</c> (empty slots have score 0),
/// <see cref="NodePerson"/> <c>[samples·views·slots]</c> the pseudo-label person of each node (−1: distractor or empty),
/// and the candidate hyperedges after view dropout.
/// </summary>
/// <param name="Cameras">The rig.</param>
/// <param name="Evidence">Rendered evidence per sample and view.</param>
/// <param name="Candidates">Root candidate slots per sample and view.</param>
/// <param name="NodePerson">Pseudo-label identity per slot.</param>
/// <param name="Graph">The candidate hyperedges.</param>
public sealed record Stage1Batch(IReadOnlyList<Camera> Cameras, IReadOnlyList<ViewEvidence> Evidence, RootCandidate[] Candidates, int[] NodePerson, CandidateHyperedges Graph);
