using Polypose.Learning.Assignment;

namespace Polypose.Learning.Tests.Assignment;

/// <summary>Seeded random sparse hyperedge sets for the Sinkhorn tests.</summary>
internal static class RandomHyperedges
{
    /// <summary>
    /// A feasible instance: per sample and view a random number of valid nodes with at most <paramref name="slots"/> − 1
    /// nodes over all views (so singletons plus the fallback already carry a strictly positive feasible point), all
    /// singletons, and <paramref name="extra"/> random multi-view tuples.
    /// </summary>
    public static CandidateHyperedges Feasible(Random rng, int samples, int views, int slots, int extra)
    {
        var mask = new bool[samples * views * slots];
        var tuples = new List<int>();
        var edgeSample = new List<int>();
        for (var b = 0; b < samples; b++)
        {
            var nodes = new List<int>[views];
            var budget = slots - 1;
            for (var v = 0; v < views; v++)
            {
                nodes[v] = [];
                var k = Math.Min(budget, rng.Next(0, 3));
                budget -= k;
                for (var n = 0; n < k; n++)
                {
                    mask[(((b * views) + v) * slots) + n] = true;
                    nodes[v].Add(n);
                }
            }

            var seen = new HashSet<string>();
            void Add(int[] t)
            {
                if (t.Any(n => n >= 0) && seen.Add(string.Join(',', t)))
                {
                    tuples.AddRange(t);
                    edgeSample.Add(b);
                }
            }

            for (var v = 0; v < views; v++)
            {
                foreach (var n in nodes[v])
                {
                    var t = Enumerable.Repeat(-1, views).ToArray();
                    t[v] = n;
                    Add(t);
                }
            }

            for (var i = 0; i < extra; i++)
            {
                var t = new int[views];
                for (var v = 0; v < views; v++)
                {
                    var pick = rng.Next(nodes[v].Count + 1);
                    t[v] = pick == nodes[v].Count ? -1 : nodes[v][pick];
                }

                Add(t);
            }
        }

        return new CandidateHyperedges(samples, views, slots, [.. tuples], [.. edgeSample], mask);
    }

    public static double[] Normal(Random rng, int count, double std)
    {
        var x = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            x[i] = std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return x;
    }
}
