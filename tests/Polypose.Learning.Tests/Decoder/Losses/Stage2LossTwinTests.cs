using System.Globalization;
using Polypose.Learning.Decoder.Losses;
using Polypose.Learning.Tests.Training;
using Polypose.Learning.Training;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Learning.Tests.Decoder.Losses;

/// <summary>
/// Stage II's losses against an independent PyTorch implementation (bench/torch/stage2_losses.py, float64, the Gaussian
/// term rendered on the whole canvas): targets from a real Stage I batch of the tiny synthetic scene with A = 3 slots
/// (rotation, scale, shift), two decoder layers of seeded noisy predictions. Each term, the total and the gradients
/// with respect to the refined 3D, the reprojections and the residuals must agree within 1e-5 relative (per tensor:
/// max |Polypose − torch| / max |torch|), on the dataset canvas and on the reference canvas.
/// </summary>
public sealed class Stage2LossTwinTests(ITestOutputHelper output)
{
    private const int Layers = 2;

    [TorchFact]
    public void LossesAndGradientsAgreeWithThePyTorchReferenceOnBothCanvases()
    {
        Check(HeatmapCanvas.Dataset);
        Check(HeatmapCanvas.Reference);
    }

    private void Check(HeatmapCanvas canvas)
    {
        var config = TinyTraining.Config with { AugmentSlots = 3, AugmentScale = 0.2, AugmentShift = 0.05 };
        int[] frames = [2, 9];
        var sequence = TinyTraining.Data[0];
        var batch = new Stage1BatchBuilder(config).Build(sequence, frames, new Generator(31));
        var targets = new Stage2TargetBuilder(config, new PseudoLabelCuration()).Build(sequence, frames, batch);
        targets = TeacherForcing.Roots(batch, config.Slots, new Generator(32)).Mask(targets);
        var weights = new Stage2LossWeights { Stages = Layers, Canvas = canvas };
        var loss = new Stage2Loss(targets, weights);

        // Predictions near the labels: 3D within ~50 mm, 2D within ~40 px (about one heatmap px here), so every term,
        // the Gaussian one included, is active; residuals in (0, 1), about 2/3 of the joints triangulated.
        var gen = new Generator(33);
        var layers = new List<Stage2LossLayer>();
        var batchTensors = new Dictionary<string, Tensor>();
        for (var l = 0; l < Layers; l++)
        {
            var refined = (targets.Pseudo3DTensor() + Tensor.Zeros(targets.Samples, targets.Slots, targets.Joints, 3).NormalInPlace(gen, 0, 50)).SetRequiresGrad();
            var reprojection = (targets.Keypoints2DTensor() + Tensor.Zeros(targets.Samples, targets.Views, targets.Slots, targets.Joints, 2).NormalInPlace(gen, 0, 40)).SetRequiresGrad();
            var residual = Tensor.Zeros(targets.Samples, targets.Slots, targets.Joints).UniformInPlace(gen, 0, 1).SetRequiresGrad();
            var triangulated = Tensor.Zeros(targets.Samples, targets.Slots, targets.Joints).UniformInPlace(gen, 0, 1).Lt(0.67f).To(DType.Float32);
            layers.Add(new Stage2LossLayer(refined, reprojection, residual, triangulated));
            batchTensors[$"in.refined.{l}"] = refined.Detach();
            batchTensors[$"in.reprojection.{l}"] = reprojection.Detach();
            batchTensors[$"in.residual.{l}"] = residual.Detach();
            batchTensors[$"in.triangulated.{l}"] = triangulated;
        }

        var result = loss.Compute(layers);
        result.Total.Backward();

        batchTensors["in.target2d"] = targets.Keypoints2DTensor();
        batchTensors["in.score2d"] = targets.Scores2DTensor();
        batchTensors["in.pseudo3d"] = targets.Pseudo3DTensor();
        batchTensors["in.score3d"] = targets.Scores3DTensor();
        batchTensors["in.person_ids"] = Tensor.FromArray(targets.PersonIds.Select(i => (long)i).ToArray(), targets.Samples, targets.Slots);
        batchTensors["in.affine"] = Tensor.FromArray(
            targets.ImageToHeatmap.SelectMany(a => new[] { a.A00, a.A01, a.A02, a.A10, a.A11, a.A12 }).ToArray(), targets.Samples, targets.Views, 6);
        var meta = new Dictionary<string, string>
        {
            ["layers"] = Layers.ToString(CultureInfo.InvariantCulture),
            ["augment_slots"] = targets.AugmentSlots.ToString(CultureInfo.InvariantCulture),
            ["threshold"] = LabelWeights.Threshold.ToString("R", CultureInfo.InvariantCulture),
            ["sigma"] = weights.Sigma.ToString("R", CultureInfo.InvariantCulture),
            ["lambda_l1"] = weights.Reprojection.ToString("R", CultureInfo.InvariantCulture),
            ["lambda_heatmap"] = weights.Heatmap.ToString("R", CultureInfo.InvariantCulture),
            ["lambda_anchor"] = weights.Anchor.ToString("R", CultureInfo.InvariantCulture),
            ["lambda_cross"] = weights.CrossAugmentation.ToString("R", CultureInfo.InvariantCulture),
            ["lambda_residual"] = weights.Residual.ToString("R", CultureInfo.InvariantCulture),
            ["canvas"] = canvas.ToString(),
            ["heatmap_width"] = targets.HeatmapWidth.ToString(CultureInfo.InvariantCulture),
            ["heatmap_height"] = targets.HeatmapHeight.ToString(CultureInfo.InvariantCulture),
            ["stride"] = targets.Stride.ToString(CultureInfo.InvariantCulture),
        };
        var dir = RepoPaths.NewTempDir();
        var input = Path.Combine(dir, "batch.safetensors");
        var reference = Path.Combine(dir, "reference.safetensors");
        SafeTensors.Save(input, batchTensors, meta);
        TorchTwin.Run("stage2_losses.py", input, reference);
        var twin = SafeTensors.Load(reference).Tensors;

        var terms = twin["out.terms"].ToArray();
        var names = new[] { "L1", "Gaussian", "anchor", "cross", "residual" };
        for (var l = 0; l < Layers; l++)
        {
            var ours = result.Layers[l];
            double[] values = [ours.Reprojection, ours.Heatmap, ours.Anchor, ours.CrossAugmentation, ours.Residual];
            for (var k = 0; k < 5; k++)
            {
                var r = terms[(5 * l) + k];
                Assert.True(r > 0, $"layer {l} {names[k]}: the case must exercise this term (torch {r})");
                Assert.True(Math.Abs(values[k] - r) <= 1e-5 * Math.Abs(r), $"layer {l} {names[k]}: Polypose {values[k]:R} vs torch {r:R}");
            }
        }

        var forward = TorchTwin.Relative(result.Total.Reshape(1), twin["out.total"]);
        Assert.True(forward <= 1e-5, $"total relative error {forward:E2}");
        double worst = 0;
        var worstName = "";
        for (var l = 0; l < Layers; l++)
        {
            foreach (var (name, tensor) in new[] { ("refined", layers[l].Refined3D), ("reprojection", layers[l].Reprojection), ("residual", layers[l].Residual) })
            {
                var e = TorchTwin.Relative(tensor.Grad!, twin[$"grad.{name}.{l}"]);
                if (e > worst)
                {
                    (worst, worstName) = (e, $"{name}.{l}");
                }
            }
        }

        output.WriteLine($"{canvas} canvas: total {result.Total.Item():R} (torch {twin["out.total"].Item():R}), total relative error {forward:E2}, worst gradient relative error {worst:E2} ({worstName})");
        Assert.True(worst <= 1e-5, $"gradient relative error {worst:E2} ({worstName})");
    }
}
