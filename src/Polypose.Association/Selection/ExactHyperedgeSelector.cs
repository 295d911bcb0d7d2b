using Polypose.Association.Candidates;
using Polypose.Association.Packing;

namespace Polypose.Association.Selection;

/// <summary>
/// Today's selection step, the teacher of a learned assigner: chooses the non-conflicting set of multi-view candidate
/// edges maximising the objective of <see cref="AssociationOptions"/> exactly, as a weighted set packing
/// (<see cref="PackingProblem"/>) solved by an <see cref="ISetPackingSolver"/> (default
/// <see cref="BranchAndBoundSolver"/>). Edge weight m·z − λ − μ·missing; a detection left alone earns
/// <see cref="AssociationOptions.SingletonScore"/> − λ (listed singleton edges are therefore skipped). A solver that can
/// stop early (<see cref="IBoundedSetPackingSolver"/>, the default) gets <see cref="AssociationOptions.SearchNodeBudget"/>:
/// within it the selection is exact, past it the result says so (<see cref="AssociationResult.IsOptimal"/>) and
/// reports the gap to the solver's upper bound. Reuses its buffers between frames; not thread-safe.
/// </summary>
public sealed class ExactHyperedgeSelector
{
    private readonly ISetPackingSolver _solver;
    private readonly PackingProblem _problem = new();
    private readonly List<int> _selected = [];
    private int[] _packedEdge = new int[256];

    /// <summary>
    /// Creates a selector; <paramref name="solver"/> defaults to the exact branch-and-bound solver. Throws
    /// <see cref="ArgumentException"/> when the solver is unavailable here.
    /// </summary>
    public ExactHyperedgeSelector(AssociationOptions? options = null, ISetPackingSolver? solver = null)
    {
        Options = options ?? new AssociationOptions();
        _solver = solver ?? new BranchAndBoundSolver();
        if (!_solver.IsAvailable)
        {
            throw new ArgumentException($"solver '{_solver.Name}' is unavailable: {_solver.UnavailableReason}", nameof(solver));
        }
    }

    /// <summary>The settings in use (selection weights).</summary>
    public AssociationOptions Options { get; }

    /// <summary>
    /// Selects from <paramref name="graph"/> into <paramref name="result"/>, which is reset to the graph's view count
    /// first and then holds the chosen groups (ascending candidate order), the candidate and compatible-pair counts, the
    /// detections left out, the objective and whether it is proven optimal (else the upper bound).
    /// </summary>
    public void Select(CandidateHypergraph graph, AssociationResult result)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(result);
        result.Reset(graph.ViewCount);
        if (graph.NodeCount == 0)
        {
            return;
        }

        var o = Options;
        _problem.Reset(graph.NodeCount, o.SingletonScore - o.EdgePenalty);
        if (_packedEdge.Length < graph.EdgeCount)
        {
            _packedEdge = new int[Math.Max(graph.EdgeCount, _packedEdge.Length * 2)];
        }

        Span<int> members = stackalloc int[graph.ViewCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (graph.MembersOf(e) < 2)
            {
                continue;
            }

            var m = 0;
            foreach (var node in graph.NodesOf(e))
            {
                if (node >= 0)
                {
                    members[m++] = node;
                }
            }

            var packed = _problem.AddEdge(members[..m], (m * graph.CueOf(e)) - o.EdgePenalty - (o.MissingViewPenalty * graph.MissingOf(e)));
            _packedEdge[packed] = e;
        }

        result.CandidateCount = graph.MultiViewEdgeCount;
        result.CompatiblePairCount = graph.CompatiblePairCount;
        result.DuplicateDetections = graph.DuplicateDetections;
        result.DetectionsLeftOut = graph.DuplicateDetections + graph.DetectionsOverLimit;
        if (_solver is IBoundedSetPackingSolver bounded)
        {
            bounded.WorkBudget = o.SearchNodeBudget;
            result.Objective = bounded.Solve(_problem, _selected);
            result.IsOptimal = bounded.LastProvenOptimal;
            result.UpperBound = bounded.LastProvenOptimal ? result.Objective : Math.Max(result.Objective, bounded.LastUpperBound);
        }
        else
        {
            result.Objective = _solver.Solve(_problem, _selected);
            result.UpperBound = result.Objective;
        }
        foreach (var packed in _selected)
        {
            var e = _packedEdge[packed];
            result.Add(graph.TupleOf(e), graph.CueOf(e), graph.ErrorOf(e));
        }
    }
}
