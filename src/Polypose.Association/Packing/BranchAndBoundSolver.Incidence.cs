namespace Polypose.Association.Packing;

/// <summary>Gain computation, node-to-edge incidence and the union-find over the conflict graph.</summary>
public sealed partial class BranchAndBoundSolver
{
    private void BuildIncidence(PackingProblem problem)
    {
        var n = problem.NodeCount;
        var e = problem.EdgeCount;
        var starts = problem.MemberStarts;
        var members = problem.AllMembers;
        var weights = problem.EdgeWeights;
        var singles = problem.SingletonWeights;
        var counts = _nodeEdgeStart;
        counts.AsSpan(0, n + 1).Clear();
        var total = 0;
        for (var edge = 0; edge < e; edge++)
        {
            var gain = weights[edge];
            for (var k = starts[edge]; k < starts[edge + 1]; k++)
            {
                gain -= singles[members[k]];
            }

            _gain[edge] = gain;
            if (gain <= Epsilon)
            {
                continue;
            }

            var size = starts[edge + 1] - starts[edge];
            var share = gain / size;
            _edgeShare[edge] = share;
            var first = members[starts[edge]];
            for (var k = starts[edge]; k < starts[edge + 1]; k++)
            {
                var m = members[k];
                counts[m + 1]++;
                total++;
                if (share > _share[m])
                {
                    _share[m] = share;
                }

                Union(first, m);
            }
        }

        for (var i = 0; i < n; i++)
        {
            counts[i + 1] += counts[i];
        }

        Ensure(ref _nodeEdges, total);
        Span<int> fill = n <= 512 ? stackalloc int[n] : new int[n];
        counts.AsSpan(0, n).CopyTo(fill);
        for (var edge = 0; edge < e; edge++)
        {
            if (_gain[edge] <= Epsilon)
            {
                continue;
            }

            for (var k = starts[edge]; k < starts[edge + 1]; k++)
            {
                var m = members[k];
                _nodeEdges[fill[m]++] = edge;
            }
        }

        // Per node, try the highest-gain edges first (insertion sort: lists are short); ties by index for determinism.
        for (var i = 0; i < n; i++)
        {
            for (var a = counts[i] + 1; a < counts[i + 1]; a++)
            {
                var edge = _nodeEdges[a];
                var b = a - 1;
                while (b >= counts[i] && Better(edge, _nodeEdges[b]))
                {
                    _nodeEdges[b + 1] = _nodeEdges[b];
                    b--;
                }

                _nodeEdges[b + 1] = edge;
            }
        }
    }

    private bool Better(int a, int b) => _gain[a] > _gain[b] || (_gain[a] == _gain[b] && a < b);

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }

        return i;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb)
        {
            if (ra < rb)
            {
                _parent[rb] = ra;
            }
            else
            {
                _parent[ra] = rb;
            }
        }
    }

    private static void Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
