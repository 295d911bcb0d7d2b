using Polypose.Learning.Assignment;
using Polypose.Tensors;
using Polypose.Tensors.Optim;

namespace Polypose.Learning.Tests.Assignment;

public sealed class DiffusionTests
{
    private static readonly DenoiserOptions Small = new() { Dim = 16, Layers = 2, Heads = 2, Dropout = 0 };

    [Fact]
    public void CosineScheduleHasTheReferenceValues()
    {
        var s = new CosineSchedule();
        Assert.Equal(1.0, s.AlphaBar(0), 12);
        Assert.Equal(0.493, s.AlphaBar(500), 3);
        Assert.Equal(1e-4, s.AlphaBar(999), 12);
        for (var t = 1; t < CosineSchedule.Steps; t++)
        {
            Assert.True(s.AlphaBar(t) <= s.AlphaBar(t - 1));
        }
    }

    [Fact]
    public void SamplerVisitsTheTenReferenceTimesteps()
    {
        Assert.Equal([999, 899, 799, 699, 599, 500, 400, 300, 200, 100, 0], CosineSchedule.SamplerTimesteps(10));
    }

    [Fact]
    public void PositiveEdgesAreExactlyEachPersonsTuple()
    {
        var scene = new TinyScene(4, 1);
        var positive = AssignmentTargets.PositiveEdges(scene.Graph, scene.NodePerson);
        var tuples = Enumerable.Range(0, scene.Graph.EdgeCount).Where(e => positive[e])
            .Select(e => (scene.Graph.EdgeSample[e], scene.Graph.Slot(e, 0), scene.Graph.Slot(e, 1), scene.Graph.Slot(e, 2))).ToArray();
        Assert.Equal([(0, 0, 0, 1), (0, 1, 1, 0), (1, 0, 0, 1), (1, 1, 1, 0)], tuples);
    }

    [Fact]
    public void ViewDropoutRemovesOneViewOfPeopleSeenInMoreThanTwoViews()
    {
        var scene = new TinyScene(4, 1);
        var (mask, ids) = AssignmentTargets.ViewDropout(scene.Graph, scene.NodePerson, probability: 1.0, new Random(4));
        for (var b = 0; b < TinyScene.Samples; b++)
        {
            for (var p = 0; p < 2; p++)
            {
                var views = Enumerable.Range(0, TinyScene.Views * TinyScene.Slots).Count(i => mask[(b * 12) + i] && ids[(b * 12) + i] == p);
                Assert.Equal(2, views);
            }
        }

        Assert.True(mask[(((1 * 3) + 0) * 4) + 2], "the distractor has no identity and is never dropped");
        var (again, _) = AssignmentTargets.ViewDropout(scene.Graph, scene.NodePerson, 1.0, new Random(4));
        Assert.Equal(mask, again);
        var (kept, _) = AssignmentTargets.ViewDropout(scene.Graph, scene.NodePerson, 0.0, new Random(4));
        Assert.Equal(scene.Graph.NodeMask.ToArray(), kept);

        var (graph, edges) = scene.Graph.WithNodes(mask);
        Assert.True(graph.EdgeCount < scene.Graph.EdgeCount);
        Assert.All(edges, e => Assert.True(Enumerable.Range(0, 3).All(v =>
            scene.Graph.Slot(e, v) < 0 || mask[scene.Graph.NodeIndex(scene.Graph.EdgeSample[e], v, scene.Graph.Slot(e, v))])));
    }

    [Fact]
    public void ReferenceDistractorModeRemovesUnclaimedNodesAndTheirEdges()
    {
        var scene = new TinyScene(4, 1);
        var distractor = scene.Graph.NodeIndex(1, 0, 2);
        var keep = AssignmentTargets.TrainingNodeMask(scene.Graph, scene.NodePerson, DistractorNodes.Keep);
        var remove = AssignmentTargets.TrainingNodeMask(scene.Graph, scene.NodePerson, DistractorNodes.Remove);
        Assert.Equal(scene.Graph.NodeMask.ToArray(), keep);
        Assert.False(remove[distractor]);
        Assert.Equal(keep.Count(m => m) - 1, remove.Count(m => m));

        // The 9 candidates of sample 1 that pick the distractor (view 0, slot 2) × 3 options in views 1 and 2 fall away.
        var (graph, _) = scene.Graph.WithNodes(remove);
        var touching = Enumerable.Range(0, scene.Graph.EdgeCount).Count(e => scene.Graph.EdgeSample[e] == 1 && scene.Graph.Slot(e, 0) == 2);
        Assert.Equal(9, touching);
        Assert.Equal(scene.Graph.EdgeCount - 9, graph.EdgeCount);
    }

    [Fact]
    public void DenoiserPredictsOneLogitPerEdgeAndEveryParameterReceivesGradient()
    {
        var scene = new TinyScene(Small.Dim, 2);
        var gen = new Generator(3);
        var model = new GcnDenoiser(Small, gen);
        foreach (var p in model.Parameters())
        {
            p.NormalInPlace(gen, 0, 0.3f); // leave the zero initialisation so that every path carries gradient
        }

        var problem = new SparseSinkhornProblem(scene.Graph);
        var ddim = new ProjectedDdim(problem);
        var (x0, u0) = ddim.CleanTarget(AssignmentTargets.CleanLogits(scene.Graph, scene.NodePerson));
        int[] t = [250, 800];
        var xt = ddim.Corrupt(u0, t, new Generator(5));
        var logits = model.Forward(scene.Graph, scene.NodeFeatures, xt, t);
        Assert.Equal([scene.Graph.EdgeCount], logits.Shape);
        var (lx, lu) = ddim.Losses(logits, x0, u0);
        ((lx * 0.5f) + (lu * 0.25f)).Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad is not null, $"{name} has no gradient");
            Assert.True(p.Grad!.ToArray().Any(g => g != 0), $"{name} has an all-zero gradient");
        }
    }

    [Fact]
    public void SamplerOutputIsPolystochasticAndDeterministic()
    {
        var scene = new TinyScene(Small.Dim, 2);
        var model = new GcnDenoiser(Small, new Generator(3));
        model.Eval();
        var problem = new SparseSinkhornProblem(scene.Graph);
        var ddim = new ProjectedDdim(problem);
        var x = ddim.Sample(model.Bind(scene.Graph, scene.NodeFeatures)).ToArray();
        var again = ddim.Sample(model.Bind(scene.Graph, scene.NodeFeatures)).ToArray();
        Assert.Equal(x, again);
        Assert.All(x, v => Assert.True(v >= 0 && float.IsFinite(v)));

        // Node marginals (mass of the edges through each node, computed here) meet the capacity target 1/N: exactly in
        // the last mode the final sweep fitted, closely in the others.
        var g = scene.Graph;
        for (var v = 0; v < TinyScene.Views; v++)
        {
            var marginal = new double[g.NodeSlotCount];
            for (var e = 0; e < g.EdgeCount; e++)
            {
                if (g.Slot(e, v) >= 0)
                {
                    marginal[g.NodeIndex(g.EdgeSample[e], v, g.Slot(e, v))] += x[e];
                }
            }

            for (var b = 0; b < TinyScene.Samples; b++)
            {
                for (var n = 0; n < TinyScene.Slots; n++)
                {
                    var i = g.NodeIndex(b, v, n);
                    var target = g.NodeMask[i] ? 1.0 / TinyScene.Slots : 0.0;
                    var tolerance = v == TinyScene.Views - 1 ? 1e-6 : 2e-2;
                    Assert.True(Math.Abs(marginal[i] - target) < tolerance, $"sample {b}, view {v}, slot {n}: {marginal[i]} vs {target}");
                }
            }
        }
    }

    [Fact]
    public void SmokeTrainingOnATinySceneReducesTheLoss()
    {
        var scene = new TinyScene(Small.Dim, 2);
        var model = new GcnDenoiser(Small, new Generator(11));
        var problem = new SparseSinkhornProblem(scene.Graph);
        var ddim = new ProjectedDdim(problem);
        var (x0, u0) = ddim.CleanTarget(AssignmentTargets.CleanLogits(scene.Graph, scene.NodePerson));
        var evalSet = new[] { new[] { 100, 600 }, new[] { 400, 900 }, new[] { 999, 50 } }
            .Select((t, i) => (t, ddim.Corrupt(u0, t, new Generator(100 + (ulong)i)))).ToArray();
        double Evaluate()
        {
            using var _ = Tensor.NoGrad();
            return evalSet.Average(s =>
            {
                var (lx, lu) = ddim.Losses(model.Forward(scene.Graph, scene.NodeFeatures, s.Item2, s.t), x0, u0);
                return (0.5 * lx.Item()) + (0.25 * lu.Item());
            });
        }

        var before = Evaluate();
        var adam = new Adam(model.Parameters(), learningRate: 3e-3);
        var noise = new Generator(7);
        var rng = new Random(8);
        for (var step = 0; step < 60; step++)
        {
            int[] t = [rng.Next(1, 1000), rng.Next(1, 1000)];
            var xt = ddim.Corrupt(u0, t, noise);
            adam.ZeroGrad();
            var (lx, lu) = ddim.Losses(model.Forward(scene.Graph, scene.NodeFeatures, xt, t), x0, u0);
            ((lx * 0.5f) + (lu * 0.25f)).Backward();
            GradClip.ClipGradNorm(model.Parameters(), 1.1);
            adam.Step();
        }

        var after = Evaluate();
        Assert.True(after < 0.5 * before, $"loss {before:F4} → {after:F4}");
    }
}
