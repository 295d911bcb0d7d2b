using Polypose.Learning.Assignment;

namespace Polypose.Learning.Tests.Assignment;

/// <summary>
/// A straightforward dense multi-marginal Sinkhorn, written independently for the tests: the full (N+1)^V tensor per
/// sample (−∞ where no candidate edge exists), with the capacity targets of DisPOSE 3.4, each sweep normalising every
/// mode by the log-sum-exp over all the other modes.
/// </summary>
internal static class DenseSinkhorn
{
    public static double[] Project(CandidateHyperedges graph, double[] logits, int iterations, double alpha, double slack)
    {
        int views = graph.Views, n = graph.Slots, side = n + 1;
        var cells = (int)Math.Pow(side, views);
        var result = new double[graph.EdgeCount];
        for (var b = 0; b < graph.Samples; b++)
        {
            var valid = new bool[views, n];
            var nonEmpty = 0;
            for (var v = 0; v < views; v++)
            {
                var any = false;
                for (var k = 0; k < n; k++)
                {
                    valid[v, k] = graph.NodeMask[graph.NodeIndex(b, v, k)];
                    any |= valid[v, k];
                }

                nonEmpty += any ? 1 : 0;
            }

            var t = new double[cells];
            Array.Fill(t, double.NegativeInfinity);
            var cellOfEdge = new Dictionary<int, int>();
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                if (graph.EdgeSample[e] != b)
                {
                    continue;
                }

                var cell = 0;
                var dustbins = 0;
                var ok = nonEmpty >= 2;
                for (var v = views - 1; v >= 0; v--)
                {
                    var k = graph.Slot(e, v);
                    if (k < 0)
                    {
                        dustbins++;
                        k = n;
                    }
                    else
                    {
                        ok &= valid[v, k];
                    }

                    cell = (cell * side) + k;
                }

                cellOfEdge[e] = cell;
                t[cell] = ok ? logits[e] + (alpha * dustbins) : double.NegativeInfinity;
            }

            t[cells - 1] = alpha * views; // the fallback all-dustbin cell

            for (var it = 0; it < iterations; it++)
            {
                for (var v = 0; v < views; v++)
                {
                    var stride = (int)Math.Pow(side, v);
                    var count = 0;
                    for (var k = 0; k < n; k++)
                    {
                        count += valid[v, k] && nonEmpty >= 2 ? 1 : 0;
                    }

                    for (var k = 0; k <= n; k++)
                    {
                        double target;
                        if (k < n)
                        {
                            target = valid[v, k] && nonEmpty >= 2 ? 1.0 / n : 0;
                        }
                        else
                        {
                            target = nonEmpty >= 2 ? (n - count + slack) / n : 1.0;
                        }

                        var members = Enumerable.Range(0, cells).Where(c => (c / stride) % side == k).ToArray();
                        var max = members.Max(c => t[c]);
                        if (target <= 0 || double.IsNegativeInfinity(max))
                        {
                            continue;
                        }

                        var lse = max + Math.Log(members.Sum(c => Math.Exp(t[c] - max)));
                        foreach (var c in members)
                        {
                            t[c] += Math.Log(target) - lse;
                        }
                    }
                }
            }

            foreach (var (e, cell) in cellOfEdge)
            {
                result[e] = Math.Exp(t[cell]);
            }
        }

        return result;
    }
}
