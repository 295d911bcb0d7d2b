using Polypose.Association.Packing;

namespace Polypose.Association.Tests;

public sealed class PackingSolverTests
{
    public const int InstanceCount = 1000;

    /// <summary>A random hyperedge instance shaped like an association frame: views, detections, tuples of ≥ 2 views.</summary>
    internal static PackingProblem RandomInstance(Random rng)
    {
        var views = rng.Next(3, 6);
        var perView = new int[views];
        var start = new int[views];
        var nodes = 0;
        for (var v = 0; v < views; v++)
        {
            start[v] = nodes;
            perView[v] = rng.Next(0, 5);
            nodes += perView[v];
        }

        var problem = new PackingProblem();
        var commonSingleton = rng.NextDouble() < 0.5;
        problem.Reset(nodes, (rng.NextDouble() * 3) - 2);
        if (!commonSingleton)
        {
            for (var n = 0; n < nodes; n++)
            {
                problem.SetSingletonWeight(n, (rng.NextDouble() * 3) - 2);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wanted = rng.Next(0, 19);
        for (var attempt = 0; attempt < wanted * 3 && problem.EdgeCount < wanted; attempt++)
        {
            var members = new List<int>();
            for (var v = 0; v < views; v++)
            {
                if (perView[v] > 0 && rng.NextDouble() < 0.6)
                {
                    members.Add(start[v] + rng.Next(perView[v]));
                }
            }

            if (members.Count >= 2 && seen.Add(string.Join(',', members)))
            {
                problem.AddEdge(members.ToArray(), (rng.NextDouble() * 6) - 2);
            }
        }

        return problem;
    }

    [Fact]
    public void BranchAndBound_RandomInstances_MatchesBruteForceObjective()
    {
        var rng = new Random(20240601);
        var solver = new BranchAndBoundSolver();
        var selected = new List<int>();
        var checkedCount = 0;
        var nonTrivial = 0;
        for (var i = 0; i < InstanceCount; i++)
        {
            var problem = RandomInstance(rng);
            var expected = BruteForcePacking.Solve(problem);
            var got = solver.Solve(problem, selected);
            Assert.True(Math.Abs(expected - got) <= 1e-9, $"instance {i}: brute force {expected}, branch-and-bound {got}");
            Assert.Equal(got, problem.Evaluate(selected.ToArray()), 9);
            checkedCount++;
            if (selected.Count > 0)
            {
                nonTrivial++;
            }
        }

        Assert.Equal(InstanceCount, checkedCount);
        Assert.True(nonTrivial > InstanceCount / 4, $"only {nonTrivial} instances selected any edge");
    }

    [Fact]
    public void Glpk_RandomInstances_MatchesBruteForceObjective()
    {
        var glpk = new GlpkSolver();
        if (!glpk.IsAvailable)
        {
            Assert.False(string.IsNullOrEmpty(glpk.UnavailableReason));
            Assert.Throws<InvalidOperationException>(() => glpk.Solve(new PackingProblem(), []));
            return;
        }

        var rng = new Random(20240601);
        var selected = new List<int>();
        for (var i = 0; i < InstanceCount; i++)
        {
            var problem = RandomInstance(rng);
            var expected = BruteForcePacking.Solve(problem);
            var got = glpk.Solve(problem, selected);
            Assert.True(Math.Abs(expected - got) <= 1e-7, $"instance {i}: brute force {expected}, GLPK {got}");
            Assert.Equal(got, problem.Evaluate(selected.ToArray()), 6);
        }
    }

    [Fact]
    public void BranchAndBound_NoNodes_ReturnsZeroAndNothing()
    {
        var problem = new PackingProblem();
        problem.Reset(0);
        var selected = new List<int> { 7 };
        Assert.Equal(0, new BranchAndBoundSolver().Solve(problem, selected));
        Assert.Empty(selected);
    }

    [Fact]
    public void BranchAndBound_ChainOfOverlappingEdges_PicksAlternateEdges()
    {
        // Edges {0,1}, {1,2}, {2,3}, {3,4}, {4,5} with equal weight 1 and zero singletons: optimum takes 3 disjoint edges.
        var problem = new PackingProblem();
        problem.Reset(6);
        for (var i = 0; i < 5; i++)
        {
            problem.AddEdge([i, i + 1], 1);
        }

        var selected = new List<int>();
        Assert.Equal(3, new BranchAndBoundSolver().Solve(problem, selected));
        Assert.Equal([0, 2, 4], selected);
    }

    [Fact]
    public void AddEdge_RepeatedMember_Throws()
    {
        var problem = new PackingProblem();
        problem.Reset(3);
        Assert.Throws<ArgumentException>(() => problem.AddEdge([1, 1], 1));
        Assert.Throws<ArgumentException>(() => problem.AddEdge([0, 3], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => problem.AddEdge([0, 1], double.NaN));
    }

    [Fact]
    public void Evaluate_ConflictingSelection_Throws()
    {
        var problem = new PackingProblem();
        problem.Reset(3);
        problem.AddEdge([0, 1], 1);
        problem.AddEdge([1, 2], 1);
        Assert.Throws<ArgumentException>(() => problem.Evaluate([0, 1]));
    }
}
