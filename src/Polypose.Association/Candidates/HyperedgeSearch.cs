using Polypose.Geometry;

namespace Polypose.Association.Candidates;

/// <summary>
/// Depth-first enumeration of the multi-view candidate edges: every tuple with at most one node per view, at least two
/// members and all member pairs compatible, in order view 0 first, dustbin before the view's nodes. Each tuple is
/// triangulated over its members, gated (error bound per edge and per member, anatomy) and scored by the reprojection
/// cue; survivors are committed to the hypergraph. When the tuples exceed <see cref="AssociationOptions.MaxExhaustiveTuples"/>
/// (crowds seen by many cameras), a partial tuple is no longer extended once it has left out more than
/// <see cref="AssociationOptions.MaxSkippedViews"/> views (after its first member) that held a detection compatible with
/// the members chosen before, and a complete tuple is triangulated only when at most that many of the views it leaves
/// out hold a detection compatible with all its members. Scratch is reused between frames; not thread-safe.
/// </summary>
internal sealed class HyperedgeSearch
{
    private int[] _chosen = new int[8];
    private IReadOnlyList<Camera> _cameras = [];
    private AssociationOptions _options = new();
    private AnatomyGate? _gate;
    private bool _restricted;
    private long _counted;

    /// <summary>Enumerates the multi-view edges of <paramref name="graph"/> (its nodes and pairs already built).</summary>
    public void Run(CandidateHypergraph graph, IReadOnlyList<Camera> cameras, AssociationOptions options, AnatomyGate gate)
    {
        (_cameras, _options, _gate) = (cameras, options, gate);
        var v = graph.ViewCount;
        if (_chosen.Length < v)
        {
            _chosen = new int[Math.Max(v, _chosen.Length * 2)];
        }

        Array.Fill(_chosen, -1, 0, v);

        // Exhaustive when the tuples are few (every instance of a handful of people); otherwise candidates may leave
        // out at most MaxSkippedViews views in which a detection compatible with all members exists.
        _counted = 0;
        Count(graph, 0, 0, options.MaxExhaustiveTuples);
        _restricted = _counted > options.MaxExhaustiveTuples;
        graph.RestrictedEnumeration = _restricted;
        Array.Fill(_chosen, -1, 0, v);
        Search(graph, 0, 0, 0);
        _cameras = [];
        _gate = null;
    }

    private void Search(CandidateHypergraph graph, int view, int members, int skipped)
    {
        if (graph.EdgeCount >= _options.MaxHyperedges)
        {
            return;
        }

        var viewCount = graph.ViewCount;
        if (view == viewCount)
        {
            if (members >= 2)
            {
                TryAddEdge(graph, members);
            }

            return;
        }

        // Not seen in this view (a dustbin), but only while enough later views remain to reach two members.
        var starts = graph.ViewStarts;
        if (members + (viewCount - view - 1) >= 2)
        {
            // Restricted mode: leaving out a view that holds a detection compatible with the members so far is a skip.
            var skip = _restricted && members > 0 && AnyCompatible(graph, view) ? 1 : 0;
            if (skipped + skip <= _options.MaxSkippedViews || !_restricted)
            {
                Search(graph, view + 1, members, skipped + skip);
            }
        }

        for (var node = starts[view]; node < starts[view + 1]; node++)
        {
            var ok = true;
            for (var v = 0; v < view && ok; v++)
            {
                var other = _chosen[v];
                ok = other < 0 || graph.Compatible(other, node);
            }

            if (!ok)
            {
                continue;
            }

            _chosen[view] = node;
            Search(graph, view + 1, members + 1, skipped);
            _chosen[view] = -1;
        }
    }

    /// <summary>Whether some node of <paramref name="view"/> is compatible with every member chosen in earlier views.</summary>
    private bool AnyCompatible(CandidateHypergraph graph, int view)
    {
        var starts = graph.ViewStarts;
        for (var node = starts[view]; node < starts[view + 1]; node++)
        {
            var ok = true;
            for (var v = 0; v < view && ok; v++)
            {
                var other = _chosen[v];
                ok = other < 0 || graph.Compatible(other, node);
            }

            if (ok)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts the tuples the exhaustive search would triangulate, stopping once past <paramref name="limit"/>.</summary>
    private void Count(CandidateHypergraph graph, int view, int members, long limit)
    {
        if (_counted > limit)
        {
            return;
        }

        var viewCount = graph.ViewCount;
        if (view == viewCount)
        {
            _counted += members >= 2 ? 1 : 0;
            return;
        }

        if (members + (viewCount - view - 1) >= 2)
        {
            Count(graph, view + 1, members, limit);
        }

        var starts = graph.ViewStarts;
        for (var node = starts[view]; node < starts[view + 1] && _counted <= limit; node++)
        {
            var ok = true;
            for (var v = 0; v < view && ok; v++)
            {
                var other = _chosen[v];
                ok = other < 0 || graph.Compatible(other, node);
            }

            if (ok)
            {
                _chosen[view] = node;
                Count(graph, view + 1, members + 1, limit);
                _chosen[view] = -1;
            }
        }
    }

    /// <summary>Views without a member in which some node is compatible with every member (skipped evidence).</summary>
    private int SkippedViews(CandidateHypergraph graph, ReadOnlySpan<int> chosen)
    {
        var starts = graph.ViewStarts;
        var skipped = 0;
        for (var w = 0; w < chosen.Length; w++)
        {
            if (chosen[w] >= 0)
            {
                continue;
            }

            for (var node = starts[w]; node < starts[w + 1]; node++)
            {
                var ok = true;
                foreach (var member in chosen)
                {
                    if (member >= 0 && !graph.Compatible(member, node))
                    {
                        ok = false;
                        break;
                    }
                }

                if (ok)
                {
                    skipped++;
                    break;
                }
            }
        }

        return skipped;
    }

    private void TryAddEdge(CandidateHypergraph graph, int members)
    {
        var o = _options;
        var viewCount = graph.ViewCount;
        var chosen = _chosen.AsSpan(0, viewCount);
        if (_restricted && SkippedViews(graph, chosen) > o.MaxSkippedViews)
        {
            return;
        }

        graph.NextEdgeSlots(out var points, out var valid);
        double error;
        if (members == 2)
        {
            var first = -1;
            var second = -1;
            foreach (var node in chosen)
            {
                if (node >= 0)
                {
                    if (first < 0)
                    {
                        first = node;
                    }
                    else
                    {
                        second = node;
                    }
                }
            }

            // The pair passed the two-view check (anatomy included) already; only its error bound remains.
            error = graph.PairErrorAt(first, second);
            if (!(error <= o.HyperedgeMaxReprojectionSq))
            {
                return;
            }

            CandidateTriangulation.Pair(graph, _cameras, first, second, points, valid, out _, out _);
        }
        else
        {
            error = CandidateTriangulation.Members(graph, _cameras, chosen, o.HyperedgeMaxReprojectionSq, points, valid, o.HyperedgeMaxReprojectionSq);
            if (error < double.PositiveInfinity && !_gate!.Passes(points, valid))
            {
                error = double.PositiveInfinity;
            }

            if (!(error <= o.HyperedgeMaxReprojectionSq))
            {
                return;
            }
        }

        var nu = o.CueNormaliser == CueNormaliser.None ? 1.0 : Math.Max(1.0, Math.Pow(members - 1, viewCount - 1));
        var cue = Math.Exp(-o.CueLambda * error / nu);
        var missing = CandidateTriangulation.MissingViews(_cameras, chosen, points, valid);
        graph.CommitEdge(chosen, members, cue, error, missing);
    }
}
