using System.Globalization;
using Polypose.Learning.Assignment;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Learning.Tests.Assignment;

/// <summary>
/// The PyTorch twin (learning.md 5): bench/torch/stage1_twin.py loads the same weights and batch, written here as
/// safetensors, runs its own implementation of the denoiser, Sinkhorn and Stage I loss, and must agree: forward within
/// 1e-4 relative, gradients within 1e-3 relative (per tensor: max |Polypose − torch| / max |torch|).
/// </summary>
public sealed class DenoiserTwinTests(ITestOutputHelper output)
{
    [TorchFact]
    public void DenoiserSinkhornAndLossAgreeWithThePyTorchTwin()
    {
        var options = new DenoiserOptions { Dim = 32, Layers = 2, Heads = 4, Dropout = 0 };
        var scene = new TinyScene(options.Dim, 21);
        var gen = new Generator(22);
        var model = new GcnDenoiser(options, gen);
        foreach (var p in model.Parameters())
        {
            p.NormalInPlace(gen, 0, 0.2f);
        }

        var problem = new SparseSinkhornProblem(scene.Graph);
        var ddim = new ProjectedDdim(problem);
        var (x0, u0) = ddim.CleanTarget(AssignmentTargets.CleanLogits(scene.Graph, scene.NodePerson));
        int[] t = [300, 700];
        var state = ddim.Corrupt(u0, t, new Generator(23));
        var features = scene.NodeFeatures.Clone().SetRequiresGrad();
        var logits = model.Forward(scene.Graph, features, state, t);
        var (lx, lu) = ddim.Losses(logits, x0, u0);
        var loss = (lx * 0.5f) + (lu * 0.25f);
        loss.Backward();

        var dir = RepoPaths.NewTempDir();
        var batch = new Dictionary<string, Tensor>
        {
            ["in.node_features"] = scene.NodeFeatures,
            ["in.state"] = state,
            ["in.timesteps"] = Tensor.FromArray(t.Select(v => (long)v).ToArray(), t.Length),
            ["in.tuples"] = Tensor.FromArray(scene.Graph.Tuples.ToArray().Select(v => (long)v).ToArray(), scene.Graph.EdgeCount, TinyScene.Views),
            ["in.edge_sample"] = Tensor.FromArray(scene.Graph.EdgeSample.ToArray().Select(v => (long)v).ToArray(), scene.Graph.EdgeCount),
            ["in.node_mask"] = Tensor.FromArray(scene.Graph.NodeMask.ToArray().Select(v => v ? 1L : 0L).ToArray(), scene.Graph.NodeSlotCount),
            ["in.cue"] = Tensor.FromArray(scene.Graph.Cue.ToArray(), scene.Graph.EdgeCount),
            ["in.x0"] = x0,
            ["in.u0"] = u0,
        };
        foreach (var (name, p) in model.NamedParameters())
        {
            batch["param." + name] = p.Detach();
        }

        var meta = new Dictionary<string, string>
        {
            ["dim"] = "32",
            ["heads"] = "4",
            ["layers"] = "2",
            ["samples"] = "2",
            ["views"] = "3",
            ["slots"] = "4",
            ["inner_iterations"] = ddim.InnerIterations.ToString(CultureInfo.InvariantCulture),
        };
        var input = Path.Combine(dir, "batch.safetensors");
        var result = Path.Combine(dir, "twin.safetensors");
        SafeTensors.Save(input, batch, meta);
        TorchTwin.Run("stage1_twin.py", input, result);
        var twin = SafeTensors.Load(result).Tensors;

        var worstForward = Math.Max(TorchTwin.Relative(logits, twin["out.logits"]), TorchTwin.Relative(loss.Reshape(1), twin["out.loss"]));
        Assert.True(worstForward <= 1e-4, $"forward relative error {worstForward:E2}");
        var worstGrad = TorchTwin.Relative(features.Grad!, twin["grad.node_features"]);
        var worstName = "node_features";
        foreach (var (name, p) in model.NamedParameters())
        {
            var r = TorchTwin.Relative(p.Grad!, twin["grad." + name]);
            if (r > worstGrad)
            {
                (worstGrad, worstName) = (r, name);
            }
        }

        output.WriteLine($"edges {scene.Graph.EdgeCount}: forward relative error {worstForward:E2}, worst gradient relative error {worstGrad:E2} ({worstName})");
        Assert.True(worstGrad <= 1e-3, $"gradient relative error {worstGrad:E2} ({worstName})");
    }
}
