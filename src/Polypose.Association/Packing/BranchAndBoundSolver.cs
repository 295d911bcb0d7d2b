namespace Polypose.Association.Packing;

/// <summary>
/// Exact branch-and-bound solver for <see cref="PackingProblem"/>. Each edge is rewritten as its gain over leaving its
/// members as singletons, gain_e = w_e − Σ_{i∈e} s_i; edges with gain ≤ 0 can never improve a packing and are dropped.
/// The remaining edges split the nodes into connected components of the conflict graph, solved independently. Within a
/// component the search branches on the next undecided node: cover it with one of its still-free edges (best gain
/// first) or leave it a singleton. The bound adds, for every undecided node, its best share max_{e∋i} gain_e/|e|, which
/// never underestimates what the node can still contribute: first with static shares (cheap), then, if that does not
/// prune, with shares over the edges that are still entirely free.
/// <para>
/// Bounded: <see cref="WorkBudget"/> caps the search work per component (search nodes plus undecided nodes scanned by
/// the dynamic bound) and 4× that per call. A component whose search ends within it is solved exactly; otherwise it
/// gets the better of the search's incumbent and a greedy packing (best gain first) improved by one-edge-in swaps, and
/// its static bound (Σ best shares) is the upper bound reported in <see cref="LastUpperBound"/>. Deterministic.
/// </para>
/// Buffers are kept between calls; an instance is not thread-safe.
/// </summary>
public sealed partial class BranchAndBoundSolver : IBoundedSetPackingSolver
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
    private int[] _componentStart = [];
    private int[] _componentNodes = [];
    private int[] _cover = [];
    private int[] _componentEdges = [];
    private bool[] _edgeSeen = [];
    private bool[] _edgeChosen = [];
    private long _componentWork;
    private long _componentLimit;
    private bool _aborted;

    /// <inheritdoc />
    public string Name => "branch-and-bound";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public string? UnavailableReason => null;

    /// <summary>Search nodes visited by the last <see cref="Solve"/> (for diagnostics).</summary>
    public long NodesVisited { get; private set; }

    /// <summary>Search work spent by the last <see cref="Solve"/> (search nodes plus nodes scanned by bounds).</summary>
    public long WorkDone { get; private set; }

    /// <inheritdoc />
    public long WorkBudget { get; set; } = long.MaxValue;

    /// <inheritdoc />
    public bool LastProvenOptimal { get; private set; } = true;

    /// <inheritdoc />
    public double LastUpperBound { get; private set; }

    /// <inheritdoc />
    public double Solve(PackingProblem problem, List<int> selectedEdges)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(selectedEdges);
        selectedEdges.Clear();
        _problem = problem;
        NodesVisited = 0;
        WorkDone = 0;
        LastProvenOptimal = true;
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
        Ensure(ref _componentStart, n + 1);
        Ensure(ref _componentNodes, n);
        Ensure(ref _cover, n);
        Ensure(ref _edgeSeen, e);
        Ensure(ref _edgeChosen, e);
        Ensure(ref _componentEdges, e);

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
        GroupComponents(n);
        double gainTotal = 0;
        double boundTotal = 0;
        for (var root = 0; root < n; root++)
        {
            // Only edge members are ever united, so a root without incident edges is an isolated singleton.
            if (Find(root) != root || _nodeEdgeStart[root + 1] == _nodeEdgeStart[root])
            {
                continue;
            }

            gainTotal += SolveComponent(root, selectedEdges, out var componentBound);
            boundTotal += componentBound;
        }

        selectedEdges.Sort();
        LastUpperBound = baseValue + boundTotal;
        return baseValue + gainTotal;
    }

    /// <summary>Buckets the nodes by their component root, ascending within each (O(n)).</summary>
    private void GroupComponents(int n)
    {
        var starts = _componentStart.AsSpan(0, n + 1);
        starts.Clear();
        for (var i = 0; i < n; i++)
        {
            starts[Find(i) + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            starts[i + 1] += starts[i];
        }

        for (var i = 0; i < n; i++)
        {
            _cover[i] = starts[i];
        }

        for (var i = 0; i < n; i++)
        {
            _componentNodes[_cover[Find(i)]++] = i;
        }
    }

    private double SolveComponent(int root, List<int> selectedEdges, out double upperBound)
    {
        _orderCount = 0;
        double bound = 0;
        for (var k = _componentStart[root]; k < _componentStart[root + 1]; k++)
        {
            var i = _componentNodes[k];
            _order[_orderCount++] = i;
            bound += _share[i];
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
        _aborted = false;
        _componentWork = 0;
        var callLeft = WorkBudget == long.MaxValue ? long.MaxValue : Math.Max(0, (4 * Math.Min(WorkBudget, long.MaxValue / 8)) - WorkDone);
        _componentLimit = Math.Min(WorkBudget, callLeft);
        Search(0, 0, bound);
        WorkDone += _componentWork;
        upperBound = _bestValue;
        if (_aborted)
        {
            LastProvenOptimal = false;
            upperBound = Math.Max(bound, _bestValue);
            var greedy = GreedyWithSwaps();
            if (greedy > _bestValue + Epsilon)
            {
                _bestValue = greedy;
                _bestCount = 0;
                for (var k = 0; k < _orderCount; k++)
                {
                    var edge = _cover[_order[k]];
                    if (edge >= 0 && _edgeChosen[edge])
                    {
                        _best[_bestCount++] = edge;
                        _edgeChosen[edge] = false;
                    }
                }
            }

            ClearGreedy();
        }

        for (var k = 0; k < _bestCount; k++)
        {
            selectedEdges.Add(_best[k]);
        }

        return _bestValue;
    }

    private void Search(int pos, double current, double remaining)
    {
        if (_aborted)
        {
            return;
        }

        NodesVisited++;
        if (++_componentWork > _componentLimit)
        {
            _aborted = true;
            return;
        }
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
        _componentWork += _orderCount - pos;
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
