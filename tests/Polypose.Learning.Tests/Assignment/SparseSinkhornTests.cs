using Polypose.Learning.Assignment;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Assignment;

public sealed class SparseSinkhornTests
{
    [Fact]
    public void MarginalsReachTheCapacityTargetsWithin1e6AtConvergence()
    {
        var rng = new Random(925);
        var worst = 0.0;
        for (var trial = 0; trial < 20; trial++)
        {
            var views = 2 + (trial % 4);
            var graph = RandomHyperedges.Feasible(rng, samples: 3, views, slots: 10, extra: 25);
            var problem = new SparseSinkhornProblem(graph);
            var result = problem.Solve(RandomHyperedges.Normal(rng, graph.EdgeCount, 3.0), iterations: 2000);
            for (var v = 0; v < views; v++)
            {
                var marginals = result.Marginals(v);
                var targets = problem.LogTargets(v);
                for (var g = 0; g < marginals.Length; g++)
                {
                    var target = Math.Exp(targets[g]);
                    worst = Math.Max(worst, Math.Abs(marginals[g] - target));
                }
            }
        }

        Assert.True(worst < 1e-6, $"largest marginal error {worst:E3}");
    }

    [Fact]
    public void CapacityTargetsAreOneOverNPerNodeAndTheRestPlusSlackInTheDustbin()
    {
        // One sample, 2 views, N = 4: view 0 has nodes 0 and 1, view 1 has node 0.
        var mask = new bool[8];
        mask[0] = mask[1] = mask[4] = true;
        var graph = new CandidateHyperedges(1, 2, 4, [0, 0, 1, -1, -1, 0], [0, 0, 0], mask);
        var problem = new SparseSinkhornProblem(graph);
        var t0 = problem.LogTargets(0).ToArray().Select(Math.Exp).ToArray();
        var t1 = problem.LogTargets(1).ToArray().Select(Math.Exp).ToArray();
        Assert.Equal([0.25, 0.25, 0, 0, 0.50025], t0, new Tolerance(1e-15));
        Assert.Equal([0.25, 0, 0, 0, 0.75025], t1, new Tolerance(1e-15));
    }

    [Fact]
    public void GradientMatchesCentralFiniteDifferencesInFloat64()
    {
        var rng = new Random(7);
        var worst = 0.0;
        foreach (var iterations in new[] { 2, 4 })
        {
            var graph = RandomHyperedges.Feasible(rng, samples: 2, views: 4, slots: 6, extra: 15);
            var problem = new SparseSinkhornProblem(graph);
            var logits = RandomHyperedges.Normal(rng, graph.EdgeCount, 1.5);
            var weights = RandomHyperedges.Normal(rng, graph.EdgeCount, 1.0);
            var analytic = problem.Solve(logits, iterations, recordTape: true).Backward(weights);
            const double h = 1e-6;
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var plus = (double[])logits.Clone();
                var minus = (double[])logits.Clone();
                plus[e] += h;
                minus[e] -= h;
                var numeric = (Loss(problem, plus, iterations, weights) - Loss(problem, minus, iterations, weights)) / (2 * h);
                worst = Math.Max(worst, Math.Abs(numeric - analytic[e]) / Math.Max(1e-3, Math.Abs(numeric)));
            }
        }

        Assert.True(worst < 1e-6, $"largest relative gradient error {worst:E3}");
    }

    [Fact]
    public void MatchesADenseMultiMarginalReferenceForSmallViewCounts()
    {
        var rng = new Random(11);
        foreach (var views in new[] { 2, 3, 4 })
        {
            var graph = RandomHyperedges.Feasible(rng, samples: 2, views, slots: 4, extra: 12);
            var logits = RandomHyperedges.Normal(rng, graph.EdgeCount, 2.0);
            var sparse = new SparseSinkhornProblem(graph).Solve(logits, iterations: 3).Probabilities();
            var dense = DenseSinkhorn.Project(graph, logits, iterations: 3, alpha: 0.6607, slack: 0.001);
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                Assert.True(Math.Abs(sparse[e] - dense[e]) < 1e-12, $"V={views}, edge {e}: sparse {sparse[e]} dense {dense[e]}");
            }
        }
    }

    [Fact]
    public void SampleWithOneNonEmptyViewPutsAllMassOnTheFallbackEdge()
    {
        var mask = new bool[2 * 3];
        mask[0] = mask[1] = true; // view 0 only
        var graph = new CandidateHyperedges(1, 2, 3, [0, -1, 1, -1], [0, 0], mask);
        var result = new SparseSinkhornProblem(graph).Solve([3.0, 1.0], iterations: 4);
        Assert.Equal([0.0, 0.0], result.Probabilities());
        Assert.Equal(1.0, result.FallbackMass(0), 12);
    }

    [Fact]
    public void EdgeTouchingAnInvalidSlotGetsZeroMassAndZeroGradient()
    {
        var mask = new bool[2 * 3];
        mask[0] = mask[3] = true; // slot 0 in both views; slot 2 of view 0 is empty
        var graph = new CandidateHyperedges(1, 2, 3, [0, 0, 0, -1, -1, 0, 2, 0], [0, 0, 0, 0], mask);
        var result = new SparseSinkhornProblem(graph).Solve([1.0, 0.5, 0.5, 4.0], iterations: 4, recordTape: true);
        Assert.Equal(0.0, result.Probabilities()[3]);
        Assert.Equal(0.0, result.Backward([1.0, -1.0, 2.0, 5.0])[3]);
    }

    [Fact]
    public void AutogradOpReturnsTheFloat64SolutionAndItsGradientAtFloat32Precision()
    {
        var rng = new Random(3);
        var graph = RandomHyperedges.Feasible(rng, samples: 2, views: 3, slots: 5, extra: 10);
        var problem = new SparseSinkhornProblem(graph);
        var logits = RandomHyperedges.Normal(rng, graph.EdgeCount, 1.0).Select(x => (double)(float)x).ToArray();
        var weights = RandomHyperedges.Normal(rng, graph.EdgeCount, 1.0).Select(x => (double)(float)x).ToArray();
        var expected = problem.Solve(logits, 4, recordTape: true);
        var expectedGrad = expected.Backward(weights);

        var input = Tensor.FromArray(logits, graph.EdgeCount).SetRequiresGrad();
        var x = SparseSinkhorn.Project(input, problem, 4);
        (x * Tensor.FromArray(weights, graph.EdgeCount)).Sum().Backward();
        var probs = expected.Probabilities();
        var got = x.ToArray();
        var grad = input.Grad!.ToArray();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Assert.Equal(probs[e], got[e], 1e-6);
            Assert.Equal(expectedGrad[e], grad[e], 1e-5);
        }
    }

    private static double Loss(SparseSinkhornProblem problem, double[] logits, int iterations, double[] weights)
    {
        var x = problem.Solve(logits, iterations).Probabilities();
        var s = 0.0;
        for (var e = 0; e < x.Length; e++)
        {
            s += weights[e] * x[e];
        }

        return s;
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
