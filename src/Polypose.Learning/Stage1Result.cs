using Polypose.Learning.Assignment;

namespace Polypose.Learning;

/// <summary>
/// What Stage I found in one frame: its candidate hyperedges, the sampled masses x̂0 <c>[edges]</c> (empty when the
/// graph has no edge) and the decoded roots (world mm, by slot).
/// </summary>
/// <param name="Graph">The candidate hyperedges (one sample).</param>
/// <param name="Masses">x̂0 per edge.</param>
/// <param name="Roots">The accepted people.</param>
public sealed record Stage1Result(CandidateHyperedges Graph, float[] Masses, IReadOnlyList<RootEstimate> Roots);
