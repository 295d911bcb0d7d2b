using Polypose.Association.Candidates;
using Polypose.Association.Packing;
using Polypose.Association.Selection;
using Polypose.Core.Anatomy;
using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>
/// The exact cross-view association of one frame's 2D person detections (COMPOSE-style, the teacher of a learned
/// assigner): the <see cref="CandidateHypergraphBuilder"/> lists the candidate hyperedges with their reprojection cues,
/// then the <see cref="ExactHyperedgeSelector"/> chooses the non-conflicting set maximising the objective of
/// <see cref="AssociationOptions"/> exactly (set packing by an <see cref="ISetPackingSolver"/>, default
/// <see cref="BranchAndBoundSolver"/>). The instance keeps scratch buffers between frames (allocation-free after
/// warm-up) and is therefore not thread-safe; use one per worker.
/// </summary>
public sealed class CrossViewAssociator : ICrossViewAssigner
{
    private readonly AssociationResult _result = new();

    /// <summary>
    /// Creates an associator; null settings mean the defaults (<paramref name="anatomy"/>: the bone-length prior of the
    /// anatomical gate), <paramref name="solver"/> defaults to the exact branch-and-bound solver.
    /// </summary>
    public CrossViewAssociator(AssociationOptions? options = null, BonePriorOptions? anatomy = null, ISetPackingSolver? solver = null)
    {
        Options = options ?? new AssociationOptions();
        CandidateBuilder = new CandidateHypergraphBuilder(Options, anatomy);
        Selector = new ExactHyperedgeSelector(Options, solver);
    }

    /// <summary>The settings in use.</summary>
    public AssociationOptions Options { get; }

    /// <summary>The candidate step; its hypergraph of the last frame stays readable until the next call.</summary>
    public CandidateHypergraphBuilder CandidateBuilder { get; }

    /// <summary>The selection step.</summary>
    public ExactHyperedgeSelector Selector { get; }

    /// <summary>The candidate hypergraph of the last frame (reused object; valid until the next call), or null before the first.</summary>
    public CandidateHypergraph? LastCandidates { get; private set; }

    /// <summary>
    /// Associates one frame. <paramref name="views"/>[v] are the detections of camera v. Returns this associator's
    /// reused <see cref="AssociationResult"/> (valid until the next call). Frames with fewer than two views with
    /// detections give an empty result. Throws <see cref="ArgumentException"/> when the view and camera counts differ or
    /// the detections of one frame use skeletons with different joint counts.
    /// </summary>
    public AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        var graph = CandidateBuilder.Build(cameras, views);
        LastCandidates = graph;
        Selector.Select(graph, _result);
        return _result;
    }
}
