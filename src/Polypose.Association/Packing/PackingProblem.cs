namespace Polypose.Association.Packing;

/// <summary>
/// A weighted hyperedge selection problem over detections (nodes): choose a set of pairwise disjoint hyperedges
/// (each node in at most one chosen edge) maximising Σ chosen edge weights + Σ singleton weights of the nodes no chosen
/// edge covers. Equivalently a weighted exact cover in which every node also has its own singleton edge. Weights may be
/// negative. The instance is reusable: <see cref="Reset"/> keeps its buffers so a solver loop allocates nothing.
/// </summary>
public sealed class PackingProblem
{
    private int[] _memberStart = new int[17];
    private int[] _members = new int[64];
    private double[] _edgeWeight = new double[16];
    private double[] _singleton = new double[16];

    /// <summary>Number of nodes (detections), indexed 0..NodeCount−1.</summary>
    public int NodeCount { get; private set; }

    /// <summary>Number of hyperedges added since the last <see cref="Reset"/>.</summary>
    public int EdgeCount { get; private set; }

    /// <summary>Clears all edges and sets the node count; every node's singleton weight becomes <paramref name="singletonWeight"/>.</summary>
    public void Reset(int nodeCount, double singletonWeight = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (!double.IsFinite(singletonWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(singletonWeight), singletonWeight, "weight must be finite");
        }

        if (_singleton.Length < nodeCount)
        {
            _singleton = new double[Math.Max(nodeCount, _singleton.Length * 2)];
        }

        _singleton.AsSpan(0, nodeCount).Fill(singletonWeight);
        NodeCount = nodeCount;
        EdgeCount = 0;
        _memberStart[0] = 0;
    }

    /// <summary>Sets the weight a node earns when no chosen edge covers it (must be finite).</summary>
    public void SetSingletonWeight(int node, double weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, NodeCount);
        if (!double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be finite");
        }

        _singleton[node] = weight;
    }

    /// <summary>
    /// Adds a hyperedge over distinct nodes (at least one) with a finite weight and returns its index. Throws
    /// <see cref="ArgumentException"/> for an empty or repeated member list or a node out of range.
    /// </summary>
    public int AddEdge(ReadOnlySpan<int> members, double weight)
    {
        if (members.IsEmpty)
        {
            throw new ArgumentException("a hyperedge needs at least one member", nameof(members));
        }

        if (!double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be finite");
        }

        for (var i = 0; i < members.Length; i++)
        {
            if ((uint)members[i] >= (uint)NodeCount)
            {
                throw new ArgumentException($"member {members[i]} is outside 0..{NodeCount - 1}", nameof(members));
            }

            for (var k = 0; k < i; k++)
            {
                if (members[k] == members[i])
                {
                    throw new ArgumentException($"member {members[i]} repeats", nameof(members));
                }
            }
        }

        var e = EdgeCount;
        if (_edgeWeight.Length <= e)
        {
            Array.Resize(ref _edgeWeight, _edgeWeight.Length * 2);
        }

        if (_memberStart.Length <= e + 1)
        {
            Array.Resize(ref _memberStart, _memberStart.Length * 2);
        }

        var start = _memberStart[e];
        if (_members.Length < start + members.Length)
        {
            Array.Resize(ref _members, Math.Max(_members.Length * 2, start + members.Length));
        }

        members.CopyTo(_members.AsSpan(start));
        _memberStart[e + 1] = start + members.Length;
        _edgeWeight[e] = weight;
        EdgeCount = e + 1;
        return e;
    }

    /// <summary>The member nodes of edge <paramref name="edge"/>.</summary>
    public ReadOnlySpan<int> Members(int edge)
    {
        CheckEdge(edge);
        return _members.AsSpan(_memberStart[edge], _memberStart[edge + 1] - _memberStart[edge]);
    }

    /// <summary>The weight of edge <paramref name="edge"/>.</summary>
    public double EdgeWeight(int edge)
    {
        CheckEdge(edge);
        return _edgeWeight[edge];
    }

    /// <summary>The singleton weight of node <paramref name="node"/>.</summary>
    public double SingletonWeight(int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, NodeCount);
        return _singleton[node];
    }

    /// <summary>
    /// The objective of a selection: Σ weights of the listed edges + Σ singleton weights of uncovered nodes. Throws
    /// <see cref="ArgumentException"/> when two listed edges share a node (the selection is infeasible).
    /// </summary>
    public double Evaluate(ReadOnlySpan<int> selectedEdges)
    {
        var covered = NodeCount <= 256 ? stackalloc bool[NodeCount] : new bool[NodeCount];
        covered.Clear();
        double total = 0;
        foreach (var e in selectedEdges)
        {
            foreach (var n in Members(e))
            {
                if (covered[n])
                {
                    throw new ArgumentException($"edges conflict on node {n}", nameof(selectedEdges));
                }

                covered[n] = true;
            }

            total += _edgeWeight[e];
        }

        for (var n = 0; n < NodeCount; n++)
        {
            if (!covered[n])
            {
                total += _singleton[n];
            }
        }

        return total;
    }

    internal ReadOnlySpan<int> MemberStarts => _memberStart.AsSpan(0, EdgeCount + 1);

    internal ReadOnlySpan<int> AllMembers => _members.AsSpan(0, _memberStart[EdgeCount]);

    internal ReadOnlySpan<double> EdgeWeights => _edgeWeight.AsSpan(0, EdgeCount);

    internal ReadOnlySpan<double> SingletonWeights => _singleton.AsSpan(0, NodeCount);

    private void CheckEdge(int edge)
    {
        if ((uint)edge >= (uint)EdgeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(edge), edge, $"edge index outside 0..{EdgeCount - 1}");
        }
    }
}
