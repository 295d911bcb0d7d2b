using Polypose.Association.Packing;
using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>
/// COMPOSE-style cross-view association of one frame's 2D person detections (any skeleton, pixels in the original,
/// distorted images; cameras world-to-camera in mm, world z-up):
/// <list type="number">
/// <item>every detection of every view is a node;</item>
/// <item>a two-view check triangulates the shared joints of every detection pair in different views (weighted
/// midpoint) and keeps pairs under a threshold (<see cref="AssociationOptions.PairwiseMetric"/>);</item>
/// <item>a depth-first search lists every tuple with at most one detection per view, at least two members, and all
/// member pairs compatible;</item>
/// <item>each tuple is triangulated per joint over all its members and scored by the reprojection cue;</item>
/// <item>the non-conflicting set of hyperedges maximising the objective of <see cref="AssociationOptions"/> is chosen
/// exactly by an <see cref="ISetPackingSolver"/> (default <see cref="BranchAndBoundSolver"/>).</item>
/// </list>
/// The instance keeps scratch buffers between frames and is therefore not thread-safe; use one per worker.
/// </summary>
public sealed partial class CrossViewAssociator
{
    private readonly ISetPackingSolver _solver;
    private readonly PackingProblem _problem = new();
    private readonly List<int> _selected = [];
    private readonly AssociationResult _result = new();
    private IReadOnlyList<Camera> _cameras = [];

    /// <summary>Creates an associator; <paramref name="solver"/> defaults to the exact branch-and-bound solver.</summary>
    public CrossViewAssociator(AssociationOptions? options = null, ISetPackingSolver? solver = null)
    {
        Options = options ?? new AssociationOptions();
        Options.Validate();
        _solver = solver ?? new BranchAndBoundSolver();
        if (!_solver.IsAvailable)
        {
            throw new ArgumentException($"solver '{_solver.Name}' is unavailable: {_solver.UnavailableReason}", nameof(solver));
        }
    }

    /// <summary>The settings in use.</summary>
    public AssociationOptions Options { get; }

    /// <summary>
    /// Associates one frame. <paramref name="views"/>[v] are the detections of camera v. Returns this associator's
    /// reused <see cref="AssociationResult"/> (valid until the next call). Frames with fewer than two views with
    /// detections give an empty result. Throws <see cref="ArgumentException"/> when the view and camera counts differ or
    /// the detections of one frame use skeletons with different joint counts.
    /// </summary>
    public AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(views);
        if (cameras.Count != views.Count)
        {
            throw new ArgumentException($"{views.Count} views of detections but {cameras.Count} cameras", nameof(views));
        }

        _cameras = cameras;
        _result.Reset(views.Count);
        BuildObservations(cameras, views);
        if (_nodeCount == 0)
        {
            return _result;
        }

        ComputePairs();
        EnumerateHyperedges();
        Select();
        return _result;
    }

    private void Select()
    {
        var o = Options;
        _problem.Reset(_nodeCount, o.SingletonScore - o.EdgePenalty);
        Span<int> members = stackalloc int[_viewCount];
        for (var e = 0; e < _edgeCount; e++)
        {
            var m = 0;
            foreach (var node in EdgeNodes(e))
            {
                if (node >= 0)
                {
                    members[m++] = node;
                }
            }

            _problem.AddEdge(members[..m], (m * _edgeCue[e]) - o.EdgePenalty - (o.MissingViewPenalty * _edgeMissing[e]));
        }

        _result.CandidateCount = _edgeCount;
        _result.Objective = _solver.Solve(_problem, _selected);
        Span<int> perView = stackalloc int[_viewCount];
        foreach (var e in _selected)
        {
            var nodes = EdgeNodes(e);
            for (var v = 0; v < _viewCount; v++)
            {
                perView[v] = nodes[v] >= 0 ? _nodeDetection[nodes[v]] : -1;
            }

            _result.Add(perView, _edgeCue[e], _edgeError[e]);
        }
    }
}
