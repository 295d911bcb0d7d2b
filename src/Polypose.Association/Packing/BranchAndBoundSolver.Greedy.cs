namespace Polypose.Association.Packing;

/// <summary>The fallback of a component whose exact search ran out of budget: greedy packing plus one-edge-in swaps.</summary>
public sealed partial class BranchAndBoundSolver
{
    private const int SwapPasses = 4;

    /// <summary>
    /// Packs the current component (<c>_order[0.._orderCount)</c>) greedily, highest gain first (ties: lower index),
    /// then repeatedly swaps in an unchosen edge whose gain exceeds the total gain of the chosen edges it conflicts
    /// with. Leaves the choice in <c>_cover</c> (covering edge per node, −1 = singleton) and <c>_edgeChosen</c>;
    /// returns the total gain.
    /// </summary>
    private double GreedyWithSwaps()
    {
        var starts = _problem!.MemberStarts;
        var members = _problem.AllMembers;
        var edgeCount = 0;
        for (var k = 0; k < _orderCount; k++)
        {
            var node = _order[k];
            _cover[node] = -1;
            for (var q = _nodeEdgeStart[node]; q < _nodeEdgeStart[node + 1]; q++)
            {
                var edge = _nodeEdges[q];
                if (!_edgeSeen[edge])
                {
                    _edgeSeen[edge] = true;
                    _componentEdges[edgeCount++] = edge;
                }
            }
        }

        var edges = _componentEdges.AsSpan(0, edgeCount);
        SortByGain(edges);
        double total = 0;
        foreach (var edge in edges)
        {
            if (CoverFree(members[starts[edge]..starts[edge + 1]]))
            {
                Take(edge, members[starts[edge]..starts[edge + 1]]);
                total += _gain[edge];
            }
        }

        for (var pass = 0; pass < SwapPasses; pass++)
        {
            var improved = false;
            foreach (var edge in edges)
            {
                if (_edgeChosen[edge])
                {
                    continue;
                }

                var span = members[starts[edge]..starts[edge + 1]];
                double lost = 0;
                foreach (var m in span)
                {
                    var other = _cover[m];
                    if (other >= 0 && _edgeChosen[other])
                    {
                        lost += _gain[other];
                        _edgeChosen[other] = false; // counted once; restored below when the swap is refused
                        _cover[m] = -2 - other;
                    }
                    else if (other <= -2)
                    {
                        // Already counted through another member.
                    }
                }

                if (_gain[edge] > lost + Epsilon)
                {
                    foreach (var m in span)
                    {
                        if (_cover[m] <= -2)
                        {
                            Release(-2 - _cover[m]);
                        }
                    }

                    Take(edge, span);
                    total += _gain[edge] - lost;
                    improved = true;
                }
                else
                {
                    foreach (var m in span)
                    {
                        if (_cover[m] <= -2)
                        {
                            var other = -2 - _cover[m];
                            _edgeChosen[other] = true;
                            foreach (var o in members[starts[other]..starts[other + 1]])
                            {
                                _cover[o] = other;
                            }
                        }
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Clears the greedy marks of the current component (edge flags back to false).</summary>
    private void ClearGreedy()
    {
        for (var k = 0; k < _orderCount; k++)
        {
            var node = _order[k];
            for (var q = _nodeEdgeStart[node]; q < _nodeEdgeStart[node + 1]; q++)
            {
                var edge = _nodeEdges[q];
                _edgeSeen[edge] = false;
                _edgeChosen[edge] = false;
            }

            _cover[node] = -1;
        }
    }

    private bool CoverFree(ReadOnlySpan<int> span)
    {
        foreach (var m in span)
        {
            if (_cover[m] != -1)
            {
                return false;
            }
        }

        return true;
    }

    private void Take(int edge, ReadOnlySpan<int> span)
    {
        _edgeChosen[edge] = true;
        foreach (var m in span)
        {
            _cover[m] = edge;
        }
    }

    /// <summary>Un-chooses <paramref name="edge"/>, freeing every member it (or a pending mark of it) covers.</summary>
    private void Release(int edge)
    {
        var starts = _problem!.MemberStarts;
        var members = _problem.AllMembers;
        _edgeChosen[edge] = false;
        foreach (var m in members[starts[edge]..starts[edge + 1]])
        {
            if (_cover[m] == edge || _cover[m] == -2 - edge)
            {
                _cover[m] = -1;
            }
        }
    }

    /// <summary>Sorts edges by gain descending, ties by index ascending (heap sort: allocation-free, O(E log E)).</summary>
    private void SortByGain(Span<int> edges)
    {
        var n = edges.Length;
        for (var start = (n / 2) - 1; start >= 0; start--)
        {
            Sift(edges, start, n);
        }

        for (var end = n - 1; end > 0; end--)
        {
            (edges[0], edges[end]) = (edges[end], edges[0]);
            Sift(edges, 0, end);
        }
    }

    private void Sift(Span<int> edges, int root, int n)
    {
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= n)
            {
                return;
            }

            // Heap on "worse first" so the sorted order is best first.
            if (child + 1 < n && Better(edges[child], edges[child + 1]))
            {
                child++;
            }

            if (!Better(edges[root], edges[child]))
            {
                return;
            }

            (edges[root], edges[child]) = (edges[child], edges[root]);
            root = child;
        }
    }
}
