using System.Globalization;
using Polypose.Learning.Decoder;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>
/// The Stage II PyTorch twin (learning.md 5): bench/torch/stage2_twin.py loads the same weights and batch, written here
/// as safetensors, runs its own implementation of the whole decoder (2 layers in node and edge modes, 3 views, 2
/// samples × 2 slots, one empty) and the same scalar loss, and must agree: every layer's outputs within 1e-4
/// relative, every parameter's gradient within 1e-3 relative (per tensor: max |Polypose − torch| / max |torch|).
/// </summary>
public sealed class DecoderTwinTests(ITestOutputHelper output)
{
    [TorchFact]
    public void TheWholeDecoderAndItsGradientsAgreeWithThePyTorchTwin()
    {
        var scene = new DecoderScene(31);
        var config = DecoderScene.Config;
        var gen = new Generator(32);
        var decoder = new PoseDecoder(config, gen);
        foreach (var p in decoder.Parameters())
        {
            p.NormalInPlace(gen, 0, 0.3f);
        }

        var layerOutputs = decoder.Forward(scene.Input()).Layers;
        int s = DecoderScene.Samples, v = DecoderScene.Views, n = config.Slots;
        var weights = new Dictionary<string, Tensor>
        {
            ["in.w_poses"] = Tensor.Randn(gen, s, n, 15, 3),
            ["in.w_reprojected"] = Tensor.Randn(gen, s, v, n, 15, 2),
            ["in.w_refined"] = Tensor.Randn(gen, s, v, n, 15, 2),
            ["in.w_residuals"] = Tensor.Randn(gen, s, n, 15),
        };
        Tensor? loss = null;
        foreach (var o in layerOutputs)
        {
            var term = ((o.Poses * weights["in.w_poses"]).Sum() / 1000f) + ((o.Reprojected * weights["in.w_reprojected"]).Sum() / 100f)
                + ((o.Refined2D * weights["in.w_refined"]).Sum() / 100f) + (o.Residuals * weights["in.w_residuals"]).Sum();
            loss = loss is null ? term : loss + term;
        }

        loss!.Backward();

        var views = scene.View;
        var batch = new Dictionary<string, Tensor>(weights)
        {
            ["in.level_0"] = scene.Levels[0],
            ["in.level_1"] = scene.Levels[1],
            ["in.level_2"] = scene.Levels[2],
            ["in.roots"] = scene.Roots,
            ["in.slot_mask"] = scene.SlotMask,
            ["in.rotation"] = views.Rotation,
            ["in.translation"] = views.Translation,
            ["in.intrinsics"] = views.Intrinsics,
            ["in.distortion"] = views.Distortion,
            ["in.image_size"] = views.ImageSize,
            ["in.to_input"] = views.ToInput,
            ["in.from_input"] = views.FromInput,
        };
        foreach (var (name, p) in decoder.NamedParameters())
        {
            batch["param." + name] = p.Detach();
        }

        string Join(IEnumerable<double> xs) => string.Join(",", xs.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        var meta = new Dictionary<string, string>
        {
            ["dim"] = config.Dim.ToString(CultureInfo.InvariantCulture),
            ["layers"] = config.Layers.ToString(CultureInfo.InvariantCulture),
            ["heads"] = config.AttentionHeads.ToString(CultureInfo.InvariantCulture),
            ["points"] = config.AttentionPoints.ToString(CultureInfo.InvariantCulture),
            ["hg_heads"] = config.HypergraphHeads.ToString(CultureInfo.InvariantCulture),
            ["count_dim"] = config.ViewCountDim.ToString(CultureInfo.InvariantCulture),
            ["input_width"] = views.InputWidth.ToString(CultureInfo.InvariantCulture),
            ["input_height"] = views.InputHeight.ToString(CultureInfo.InvariantCulture),
            ["level_projection"] = config.Attention.LevelProjection ? "true" : "false",
            ["max_offset"] = config.MaxOffset.ToString("R", CultureInfo.InvariantCulture),
            ["space_corner"] = Join(config.SpaceCorner),
            ["space_size"] = Join(config.SpaceSize),
            ["modes"] = string.Join(";", config.Modes.Select(m => $"{Mode(m.ViewJoint)},{Mode(m.PersonPart)}")),
        };
        var dir = RepoPaths.NewTempDir();
        var input = Path.Combine(dir, "batch.safetensors");
        var result = Path.Combine(dir, "twin.safetensors");
        SafeTensors.Save(input, batch, meta);
        TorchTwin.Run("stage2_twin.py", input, result);
        var twin = SafeTensors.Load(result).Tensors;

        double worstForward = TorchTwin.Relative(loss.Reshape(1), twin["out.loss"]);
        var worstForwardName = "loss";
        for (var l = 0; l < layerOutputs.Count; l++)
        {
            var o = layerOutputs[l];
            Assert.Equal(twin[$"out.triangulated_{l}"].ToBoolArray(), o.Triangulated.ToBoolArray());
            foreach (var (key, ours) in new[] { ("poses", o.Poses), ("reprojected", o.Reprojected), ("refined2d", o.Refined2D), ("residuals", o.Residuals), ("weights", o.ViewWeights) })
            {
                var r = TorchTwin.Relative(ours, twin[$"out.{key}_{l}"]);
                if (r > worstForward)
                {
                    (worstForward, worstForwardName) = (r, $"{key}_{l}");
                }
            }
        }

        // Tensors whose exact gradient is zero (a bias shared by all views of a softmax over views; the last layer's
        // gates, which feed only the unused final target) hold float rounding noise in both implementations: they
        // are compared on the scale of the largest gradient instead (|Polypose − torch| ≤ 1e-6 of it).
        var named = decoder.NamedParameters().ToArray();
        var globalScale = named.Max(np => twin["grad." + np.Name].ToArray().Max(Math.Abs));
        double worstGrad = 0, worstZero = 0;
        string worstName = "", zeroNames = "";
        foreach (var (name, p) in named)
        {
            var reference = twin["grad." + name];
            var ours = p.Grad ?? Tensor.ZerosLike(p);
            var scale = reference.ToArray().Max(Math.Abs);
            if (scale < 1e-5 * globalScale)
            {
                var diff = ours.ToArray().Zip(reference.ToArray(), (a, b) => Math.Abs(a - (double)b)).Max() / globalScale;
                worstZero = Math.Max(worstZero, diff);
                zeroNames += (zeroNames.Length > 0 ? ", " : "") + name;
                continue;
            }

            var r = TorchTwin.Relative(ours, reference);
            if (r > worstGrad)
            {
                (worstGrad, worstName) = (r, name);
            }
        }

        output.WriteLine($"{named.Length} parameter tensors: worst forward relative error {worstForward:E2} ({worstForwardName}), worst gradient relative error {worstGrad:E2} ({worstName}); zero-gradient tensors ({zeroNames}) within {worstZero:E2} of the largest gradient");
        Assert.True(worstZero <= 1e-6, $"a zero-gradient tensor differs by {worstZero:E2} of the largest gradient");
        Assert.True(worstForward <= 1e-4, $"forward relative error {worstForward:E2} ({worstForwardName})");
        Assert.True(worstGrad <= 1e-3, $"gradient relative error {worstGrad:E2} ({worstName})");
    }

    private static string Mode(HypergraphAttentionMode m) => m == HypergraphAttentionMode.Node ? "node" : "edge";
}
