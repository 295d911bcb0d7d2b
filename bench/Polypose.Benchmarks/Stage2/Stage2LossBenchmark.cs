using System.Globalization;
using System.Text.Json;
using Polypose.Learning;
using Polypose.Learning.Decoder.Losses;
using Polypose.Learning.Training;
using Polypose.Synthesis.Rigs;
using Polypose.Tensors;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Stage2;

/// <summary>
/// <c>polypose bench stage2-loss [--json] [--views V] [--people P] [--layers L]</c>: the cost of Stage II's losses
/// (dispose.md 5.1, 5.2) per training batch at the CPU configuration's sizes (2 frames × A = 3 slots with rotation,
/// scale and shift, N = 10 slots, 120×64 evidence heatmaps) on one teacher-labelled synthetic ring scene (default 6
/// views, as the training scenes; 3, 4, 5, 7 and 8 cameras are held out and refused; 4 people): the data side (Stage I batch → targets with curation, teacher-forced roots) and, for L decoder
/// layers of noisy predictions, the loss forward and forward + backward, on the dataset and on the reference canvas,
/// and what the Gaussian term would cost evaluated on the whole canvas. Single thread; medians of the thread's CPU time
/// (<see cref="ThreadClock"/>), which a machine shared with other jobs inflates less than wall time.
/// </summary>
internal static class Stage2LossBenchmark
{
    public static int Run(string[] args)
    {
        var json = false;
        int views = 6, people = 4, layers = 4;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--views" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 2 and <= 10:
                    views = v;
                    i++;
                    break;
                case "--people" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 10:
                    people = p;
                    i++;
                    break;
                case "--layers" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= 8:
                    layers = l;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Error: unknown or incomplete option '{args[i]}'. Usage: bench stage2-loss [--json] [--views V (2-10)] [--people P (1-10)] [--layers L (1-8)]");
                    return 2;
            }
        }

        TensorThreads.Count = 1;
        var config = Stage1Config.Cpu with { AugmentSlots = 3, AugmentScale = 0.2, AugmentShift = 0.05 };
        TrainingSequence sequence;
        try
        {
            sequence = TrainingSources.Synthetic([new SyntheticSceneSpec(new RigSpec(RigKind.Ring, views), people, 6, 2024)], 1)[0];
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"Error: --views {views}: {e.Message.Split(" (Parameter")[0]}");
            return 2;
        }

        int[] frames = [1, 4];
        var builder = new Stage1BatchBuilder(config);
        var targetsBuilder = new Stage2TargetBuilder(config, new PseudoLabelCuration());
        var batch = builder.Build(sequence, frames, new Generator(1));
        var targets = TeacherForcing.Roots(batch, config.Slots, new Generator(2)).Mask(targetsBuilder.Build(sequence, frames, batch));
        var stage1 = CpuTimer.Median(() => builder.Build(sequence, frames, new Generator(1)), warmup: 2, repeats: 9);
        var data = CpuTimer.Median(
            () => TeacherForcing.Roots(batch, config.Slots, new Generator(2)).Mask(targetsBuilder.Build(sequence, frames, batch)), warmup: 3, repeats: 15);

        var gen = new Generator(3);
        var predictions = new List<Stage2LossLayer>();
        for (var l = 0; l < layers; l++)
        {
            var refined = (targets.Pseudo3DTensor() + Tensor.Zeros(targets.Samples, targets.Slots, targets.Joints, 3).NormalInPlace(gen, 0, 50)).SetRequiresGrad();
            var reprojection = (targets.Keypoints2DTensor() + Tensor.Zeros(targets.Samples, targets.Views, targets.Slots, targets.Joints, 2).NormalInPlace(gen, 0, 20)).SetRequiresGrad();
            var residual = Tensor.Zeros(targets.Samples, targets.Slots, targets.Joints).UniformInPlace(gen, 0, 1).SetRequiresGrad();
            predictions.Add(new Stage2LossLayer(refined, reprojection, residual, Tensor.OnesLike(residual)));
        }

        var rows = new List<(string Canvas, int Width, int Height, double Prepare, double Forward, double Step, double Gaussian, double Full)>();
        foreach (var canvas in new[] { HeatmapCanvas.Dataset, HeatmapCanvas.Reference })
        {
            var weights = new Stage2LossWeights { Stages = layers, Canvas = canvas };
            var loss = new Stage2Loss(targets, weights);
            var prepare = CpuTimer.Median(() => _ = new Stage2Loss(targets, weights), warmup: 3, repeats: 15);
            var forward = CpuTimer.Median(
                () =>
                {
                    using var _ = Tensor.NoGrad();
                    loss.Compute(predictions);
                },
                warmup: 3,
                repeats: 15);
            var step = CpuTimer.Median(
                () =>
                {
                    foreach (var p in predictions)
                    {
                        p.Refined3D.Grad = null;
                        p.Reprojection.Grad = null;
                        p.Residual.Grad = null;
                    }

                    loss.Compute(predictions).Total.Backward();
                },
                warmup: 3,
                repeats: 15);

            // The Gaussian term alone (one layer, windowed) against its whole-canvas definition.
            var canvasPred = loss.ToCanvas(predictions[0].Reprojection.Detach());
            var (target, weight) = CanvasTargets(loss, targets);
            var gaussian = CpuTimer.Median(
                () => GaussianHeatmapLoss.Compute(canvasPred, Tensor.FromArray(target, target.Length / 2, 2), Tensor.FromArray(weight, weight.Length), loss.CanvasWidth, loss.CanvasHeight),
                warmup: 3,
                repeats: 15);
            var predArray = canvasPred.ToArray();
            var full = CpuTimer.Median(() => GaussianHeatmapLoss.FullCanvas(predArray, target, weight, loss.CanvasWidth, loss.CanvasHeight), warmup: 0, repeats: 1);
            rows.Add((canvas.ToString(), loss.CanvasWidth, loss.CanvasHeight, prepare, forward, step, gaussian, full));
        }

        var weighted = targets.Scores2D.Count(s => s >= LabelWeights.Threshold);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "stage2-loss",
                views,
                people,
                layers,
                samples = targets.Samples,
                slots = targets.Slots,
                label_points = targets.Scores2D.Length,
                weighted_points = weighted,
                curation = targets.CurationCounts,
                stage1_batch_ms = stage1,
                targets_ms = data,
                canvases = rows.Select(r => new { canvas = r.Canvas, width = r.Width, height = r.Height, prepare_ms = r.Prepare, forward_ms = r.Forward, forward_backward_ms = r.Step, gaussian_layer_ms = r.Gaussian, gaussian_full_canvas_ms = r.Full }),
            }));
            return 0;
        }

        Console.WriteLine($"Stage II losses, CPU sizes: {frames.Length} frames x {config.AugmentSlots} slots = {targets.Samples} samples, {views} views, {targets.Slots} person slots, {layers} layers; 1 thread");
        Console.WriteLine($"  label points {targets.Scores2D.Length} (score >= 0.3: {weighted}); curation keep/replace/zero/leave {string.Join('/', targets.CurationCounts)}");
        Console.WriteLine($"  Stage I batch (for scale):                 {stage1,8:F2} ms");
        Console.WriteLine($"  targets + curation + teacher forcing:      {data,8:F2} ms");
        foreach (var r in rows)
        {
            Console.WriteLine($"  {r.Canvas} canvas {r.Width}x{r.Height}:");
            Console.WriteLine($"    prepare (constants):                     {r.Prepare,8:F2} ms");
            Console.WriteLine($"    forward, {layers} layers:                     {r.Forward,8:F2} ms");
            Console.WriteLine($"    forward + backward, {layers} layers:          {r.Step,8:F2} ms");
            Console.WriteLine($"    Gaussian term, 1 layer, windowed:        {r.Gaussian,8:F3} ms   (whole canvas: {r.Full:F1} ms)");
        }

        return 0;
    }

    private static class CpuTimer
    {
        public static double Median(Action action, int warmup, int repeats)
        {
            for (var i = 0; i < warmup; i++)
            {
                action();
            }

            var samples = new double[repeats];
            for (var i = 0; i < repeats; i++)
            {
                var start = ThreadClock.NowMs();
                action();
                samples[i] = ThreadClock.NowMs() - start;
            }

            Array.Sort(samples);
            return samples[repeats / 2];
        }
    }

    private static (float[] Target, float[] Weight) CanvasTargets(Stage2Loss loss, Stage2Targets targets)
    {
        // The loss's canvas targets are internal; recompute them the same way it does (the target 2D through ToCanvas).
        var target = loss.ToCanvas(targets.Keypoints2DTensor()).ToArray();
        var weight = LabelWeights.Of(targets.Scores2DTensor(), targets.PersonValidTensor()).ToArray();
        return (target, weight);
    }
}
