namespace Polypose.Association.Packing;

/// <summary>
/// Exact branch-and-bound solver for <see cref="PackingProblem"/>. Each edge is rewritten as its gain over leaving its
/// members as singletons, gain_e = w_e − Σ_{i∈e} s_i; edges with gain ≤ 0 can never improve a packing and are dropped.
/// The remaining edges split the nodes into connected components of the conflict graph, solved independently. Within a
/// component the search branches on the next undecided node: cover it with one of its still-free edges (best gain
/// first) or leave it a singleton. The bound adds, for every undecided node, its best share max_{e∋i} gain_e/|e|, which
/// never underestimates what the node can still contribute: first with static shares (cheap), then, if that does not
/// prune, with shares over the edges that are still entirely free. Buffers are kept between calls; an instance is not
/// thread-safe.
/// </summary>
public sealed partial class BranchAndBoundSolver : ISetPackingSolver
{
    private const double Epsilon = 1e-12;

    private double[] _gain = [];
    private double[] _edgeShare = [];
    private int[] _nodeEdgeStart = [];
    private int[] _nodeEdges = [];
    private double[] _share = [];
    private int[] _parent = [];
    private byte[] _state = [];
    private int[] _order = [];
    private int[] _stack = [];
    private int[] _best = [];
    private int _stackCount;
    private int _bestCount;
    private double _bestValue;
    private int _orderCount;
    private PackingProblem? _problem;

    /// <inheritdoc />
    public string Name => "branch-and-bound";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public string? UnavailableReason => null;

    /// <summary>Search nodes visited by the last <see cref="Solve"/> (for diagnostics).</summary>
    public long NodesVisited { get; private set; }

    /// <inheritdoc />
    public double Solve(PackingProblem problem, List<int> selectedEdges)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(selectedEdges);
        selectedEdges.Clear();
        _problem = problem;
        NodesVisited = 0;
        var n = problem.NodeCount;
        var e = problem.EdgeCount;
        Ensure(ref _gain, e);
        Ensure(ref _edgeShare, e);
        Ensure(ref _share, n);
        Ensure(ref _parent, n);
        Ensure(ref _state, n);
        Ensure(ref _order, n);
        Ensure(ref _stack, n);
        Ensure(ref _best, n);
        Ensure(ref _nodeEdgeStart, n + 1);

        double baseValue = 0;
        var singles = problem.SingletonWeights;
        for (var i = 0; i < n; i++)
        {
            baseValue += singles[i];
            _parent[i] = i;
            _share[i] = 0;
            _state[i] = 0;
        }

        BuildIncidence(problem);
        double gainTotal = 0;
        for (var root = 0; root < n; root++)
        {
            // Only edge members are ever united, so a root without incident edges is an isolated singleton.
            if (Find(root) != root || _nodeEdgeStart[root + 1] == _nodeEdgeStart[root])
            {
                continue;
            }

            gainTotal += SolveComponent(root, selectedEdges);
        }

        selectedEdges.Sort();
        return baseValue + gainTotal;
    }

    private double SolveComponent(int root, List<int> selectedEdges)
    {
        var n = _problem!.NodeCount;
        _orderCount = 0;
        double bound = 0;
        for (var i = 0; i < n; i++)
        {
            if (Find(i) == root)
            {
                _order[_orderCount++] = i;
                bound += _share[i];
            }
        }

        // Most valuable nodes first: their decisions move the bound the most.
        for (var a = 1; a < _orderCount; a++)
        {
            var v = _order[a];
            var b = a - 1;
            while (b >= 0 && _share[_order[b]] < _share[v])
            {
                _order[b + 1] = _order[b];
                b--;
            }

            _order[b + 1] = v;
        }
        _stackCount = 0;
        _bestCount = 0;
        _bestValue = 0;
        Search(0, 0, bound);
        for (var k = 0; k < _bestCount; k++)
        {
            selectedEdges.Add(_best[k]);
        }

        return _bestValue;
    }

    private void Search(int pos, double current, double remaining)
    {
        NodesVisited++;
        while (pos < _orderCount && _state[_order[pos]] != 0)
        {
            pos++;
        }

        if (pos == _orderCount)
        {
            if (current > _bestValue + Epsilon)
            {
                _bestValue = current;
                _bestCount = _stackCount;
                _stack.AsSpan(0, _stackCount).CopyTo(_best);
            }

            return;
        }

        if (current + remaining <= _bestValue + Epsilon || current + DynamicBound(pos) <= _bestValue + Epsilon)
        {
            return;
        }

        var node = _order[pos];
        var rest = remaining - _share[node];
        var starts = _problem!.MemberStarts;
        var members = _problem.AllMembers;
        for (var k = _nodeEdgeStart[node]; k < _nodeEdgeStart[node + 1]; k++)
        {
            var edge = _nodeEdges[k];
            var span = members[starts[edge]..starts[edge + 1]];
            if (!AllFree(span))
            {
                continue;
            }

            var next = rest;
            foreach (var m in span)
            {
                _state[m] = 1;
                if (m != node)
                {
                    next -= _share[m];
                }
            }

            _stack[_stackCount++] = edge;
            Search(pos + 1, current + _gain[edge], next);
            _stackCount--;
            foreach (var m in span)
            {
                _state[m] = 0;
            }
        }

        // Leave the node uncovered (a singleton); block it so no later edge can take it.
        _state[node] = 2;
        Search(pos + 1, current, rest);
        _state[node] = 0;
    }

    /// <summary>
    /// The tighter bound Σ over undecided free nodes of their best share among edges whose members are all still free
    /// (edges touching a covered or blocked node can no longer be chosen).
    /// </summary>
    private double DynamicBound(int pos)
    {
        var starts = _problem!.MemberStarts;
        var members = _problem.AllMembers;
        double bound = 0;
        for (var q = pos; q < _orderCount; q++)
        {
            var node = _order[q];
            if (_state[node] != 0)
            {
                continue;
            }

            double best = 0;
            for (var k = _nodeEdgeStart[node]; k < _nodeEdgeStart[node + 1]; k++)
            {
                var edge = _nodeEdges[k];
                var share = _edgeShare[edge];
                // Edges are sorted by gain, not share, so every free edge is examined.
                if (share > best && AllFree(members[starts[edge]..starts[edge + 1]]))
                {
                    best = share;
                }
            }

            bound += best;
        }

        return bound;
    }

    private bool AllFree(ReadOnlySpan<int> span)
    {
        foreach (var m in span)
        {
            if (_state[m] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
