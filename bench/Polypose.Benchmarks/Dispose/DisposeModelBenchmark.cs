using System.Diagnostics;
using Polypose.Core.Poses;
using Polypose.Formats;
using Polypose.Learning;
using Polypose.Learning.Decoder;
using Polypose.Learning.Training;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Input;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// <c>bench dispose --model FILE</c> with a full DisPOSE model (format polypose-dispose/1, Stage I + II): whole-model
/// inference on the first N Shelf frames through the real path of <c>reconstruct --model</c>
/// (<see cref="DisposeReconstructor"/> as association and body step of a <see cref="MultiViewReconstructor"/>, tensor
/// kernels single-threaded in each worker) at 1 and 2 workers (fastest of 3 passes, wall and, at 1 worker, process CPU
/// time); the component breakdown by thread CPU time (<see cref="DisposeModelPath"/>: encoder, Stage I node attention +
/// denoiser, Sinkhorn, decoder, other); the peak working set after inference; the joint training step
/// (<see cref="JointTrainer.TrainStep"/>: Stage I + II + losses + Adam, on 2 seeded synthetic scenes, the model's
/// weights, 1 thread, median) and the peak working set after it; and the PyTorch twins on the same frames and weights:
/// Stage I's denoiser (<see cref="TwinComparison"/>) and Stage II's decoder (<see cref="Stage2TwinComparison"/>), whose
/// training steps summed are the twin's counterpart of the parts of the joint step that both sides implement.
/// </summary>
internal static class DisposeModelBenchmark
{
    public static Dictionary<string, object?>? Run(string modelPath, ReconstructionInput input, int frameCount, bool torch, bool inferenceOnly, bool json)
    {
        DisposeModel model;
        try
        {
            model = DisposeModel.Load(modelPath);
        }
        catch (PolyposeFormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }

        var n = Math.Min(frameCount, input.Frames.Count);
        var subset = input with { Frames = [.. input.Frames.Take(n)], Paf = input.Paf is null ? null : [.. input.Paf.Take(n)] };
        var frames = subset.Frames.Select(f => f.Views).ToArray();
        var s1 = model.Stage1.Config;
        var s2 = model.Decoder.Config;
        var r = new Dictionary<string, object?>
        {
            ["model"] = modelPath,
            ["stage1_configuration"] = s1.Name,
            ["stage2"] = $"d {s2.Dim}, {s2.Layers} layers, attention {s2.AttentionHeads}x{s2.AttentionPoints} points, ffn {s2.FfnDim}, {s2.Slots} slots",
            ["frames"] = n,
        };

        // 1. Inference through the real path, 1 and 2 workers.
        TensorThreads.Count = 1;
        MultiViewReconstructor Worker()
        {
            var dispose = new DisposeReconstructor(model);
            return new MultiViewReconstructor(null, dispose, dispose);
        }

        var people = subset.Reconstruct(1, Worker).Sum(f => f.People.Count);
        var (wallOne, cpuOne) = Fastest(() => subset.Reconstruct(1, Worker));
        var (wallTwo, _) = Fastest(() => subset.Reconstruct(2, Worker));
        r["people_per_frame"] = people / (double)n;
        r["frames_per_s_1_thread_wall"] = 1000.0 * n / wallOne;
        r["frames_per_s_1_thread_cpu"] = 1000.0 * n / cpuOne;
        r["frames_per_s_2_threads_wall"] = 1000.0 * n / wallTwo;

        // 2. Component breakdown (thread CPU time, 1 thread), after a warm-up pass.
        var path = new DisposeModelPath(model, input.Rig);
        DecoderInput? firstPeople = null;
        foreach (var views in frames)
        {
            path.Run(views, new DisposeTimings());
        }

        var t = new DisposeTimings();
        foreach (var views in frames)
        {
            var decoderInput = path.Run(views, t);
            firstPeople ??= decoderInput;
        }

        var total = t.TotalMs;
        var denoiser = t.SamplerMs - t.SinkhornMs;
        var shares = new Dictionary<string, double>
        {
            ["encoder"] = t.EncoderMs / total,
            ["stage1_attention"] = t.Stage1AttentionMs / total,
            ["stage1_denoiser"] = denoiser / total,
            ["sinkhorn"] = t.SinkhornMs / total,
            ["decoder"] = t.DecoderMs / total,
            ["other"] = t.OtherMs / total,
        };
        r["ms_per_frame_cpu"] = new Dictionary<string, double>
        {
            ["encoder"] = t.EncoderMs / n,
            ["stage1_attention"] = t.Stage1AttentionMs / n,
            ["stage1_denoiser"] = denoiser / n,
            ["sinkhorn"] = t.SinkhornMs / n,
            ["decoder"] = t.DecoderMs / n,
            ["other"] = t.OtherMs / n,
            ["total"] = total / n,
        };
        r["share_of_time"] = shares;
        r["edges_per_frame"] = t.Edges / (double)n;
        r["decoded_people_per_frame"] = t.People / (double)n;
        r["peak_working_set_after_inference_mib"] = PeakMiB();
        if (!json)
        {
            Console.WriteLine($"DisPOSE full model {modelPath} (Stage I '{s1.Name}', Stage II {r["stage2"]}); {n} Shelf frames, {people / (double)n:F2} people/frame");
            Console.WriteLine($"  inference (reconstruct --model path): 1 thread {r["frames_per_s_1_thread_wall"]:F2} frames/s wall, {r["frames_per_s_1_thread_cpu"]:F2} from process CPU time; 2 threads {r["frames_per_s_2_threads_wall"]:F2} frames/s wall");
            var ms = (Dictionary<string, double>)r["ms_per_frame_cpu"]!;
            Console.WriteLine($"  CPU ms/frame: {string.Join(", ", ms.Select(kv => $"{kv.Key} {kv.Value:F2}"))}");
            Console.WriteLine($"  share      : {string.Join(", ", shares.Select(kv => $"{kv.Key} {100 * kv.Value:F1}%"))}");
            Console.WriteLine($"  peak working set after inference {r["peak_working_set_after_inference_mib"]:F0} MiB");
        }

        if (inferenceOnly)
        {
            return r;
        }

        // 3. The joint training step (what `polypose train --stages 1+2` runs per step), from the model's weights.
        var data = TrainingSources.Synthetic(TrainingSets.Synthetic(2), 1);
        var trainer = new JointTrainer(s1, s2, data, 7);
        trainer.Model.LoadStateDict(model.StateDict(), strict: true);
        TensorThreads.Count = 1;
        for (var i = 0; i < 3; i++)
        {
            trainer.TrainStep();
        }

        var steps = new double[9];
        var stepsWall = new double[9];
        for (var i = 0; i < steps.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var cpu0 = ThreadClock.NowMs();
            trainer.TrainStep();
            steps[i] = ThreadClock.NowMs() - cpu0;
            stepsWall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(steps);
        Array.Sort(stepsWall);
        r["joint_train_step_ms_1_thread_cpu"] = steps[steps.Length / 2];
        r["joint_train_step_ms_1_thread_wall"] = stepsWall[steps.Length / 2];
        r["peak_working_set_after_training_mib"] = PeakMiB();
        if (!json)
        {
            Console.WriteLine($"  joint training step (Stage I + II + losses + Adam, batch of {s1.BatchFrames} synthetic frames, 1 thread, median of {steps.Length}): {steps[steps.Length / 2]:F1} ms thread CPU time ({stepsWall[steps.Length / 2]:F1} wall); peak working set after training {r["peak_working_set_after_training_mib"]:F0} MiB");
        }

        // 4. The twins on the same weights and frames.
        if (torch)
        {
            var pipeline = new Stage1Pipeline(Stage1Configuration.From(s1), input.Rig, [.. input.Rig.Select(c => (c.Width, c.Height))], 8);
            pipeline.Encoder.LoadStateDict(model.Stage1.Encoder.StateDict(), strict: true);
            pipeline.Attention.LoadStateDict(model.Stage1.Attention.StateDict(), strict: true);
            pipeline.Denoiser.LoadStateDict(model.Stage1.Denoiser.StateDict(), strict: true);
            var one = TwinComparison.Run(pipeline, frames, json);
            r["stage1_torch_twin"] = one;
            if (firstPeople is not null)
            {
                var two = Stage2TwinComparison.Run(model.Decoder, firstPeople, json);
                r["stage2_torch_twin"] = two;
                if (one.TryGetValue("ours_train_step_ms", out var o1) && two.TryGetValue("ours_train_step_ms", out var o2)
                    && one.TryGetValue("torch_train_step_ms", out var t1) && two.TryGetValue("torch_train_step_ms", out var t2))
                {
                    var ours = (double)o1! + (double)o2!;
                    var theirs = (double)t1! + (double)t2!;
                    r["train_step_ours_ms_stage1_plus_stage2"] = ours;
                    r["train_step_torch_ms_stage1_plus_stage2"] = theirs;
                    r["train_step_ratio_stage1_plus_stage2"] = ours / theirs;
                    if (!json)
                    {
                        Console.WriteLine($"  training step, Stage I denoiser + Stage II decoder, ours / torch: {ours:F1} / {theirs:F1} ms = {ours / theirs:F2}x");
                    }
                }
            }
        }

        return r;
    }

    // Fastest of three passes: wall ms and this process's CPU ms of that pass.
    private static (double WallMs, double CpuMs) Fastest(Func<IReadOnlyList<Frame3D>> run)
    {
        double wall = double.PositiveInfinity, cpu = double.PositiveInfinity;
        var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < 3; pass++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime.TotalMilliseconds;
            var start = Stopwatch.GetTimestamp();
            run();
            var w = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            if (w < wall)
            {
                (wall, cpu) = (w, process.TotalProcessorTime.TotalMilliseconds - cpu0);
            }
        }

        return (wall, cpu);
    }

    private static double PeakMiB()
    {
        var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
