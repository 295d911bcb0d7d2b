using Polypose.Association.Packing;

namespace Polypose.Association.Tests;

/// <summary>Reference solver: enumerates every feasible set of pairwise disjoint edges, no bounds, no tricks.</summary>
internal static class BruteForcePacking
{
    public static double Solve(PackingProblem problem)
    {
        var covered = new bool[problem.NodeCount];
        var best = double.NegativeInfinity;
        Recurse(0, 0);
        return best;

        void Recurse(int edge, double edgeSum)
        {
            if (edge == problem.EdgeCount)
            {
                var total = edgeSum;
                for (var n = 0; n < problem.NodeCount; n++)
                {
                    if (!covered[n])
                    {
                        total += problem.SingletonWeight(n);
                    }
                }

                best = Math.Max(best, total);
                return;
            }

            Recurse(edge + 1, edgeSum);
            var members = problem.Members(edge).ToArray();
            if (members.All(m => !covered[m]))
            {
                foreach (var m in members)
                {
                    covered[m] = true;
                }

                Recurse(edge + 1, edgeSum + problem.EdgeWeight(edge));
                foreach (var m in members)
                {
                    covered[m] = false;
                }
            }
        }
    }
}
