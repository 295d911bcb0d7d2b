using System.Diagnostics;
using System.Globalization;
using Polypose.Learning.Decoder;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// The PyTorch twin of the Stage II decoder (bench/torch/stage2_twin.py) as the speed peer of <c>bench dispose --model</c>
/// with a full model: on one Shelf frame's decoder input (the model's feature levels, the roots Stage I decoded, the
/// slot mask, the 5 views), with the model's decoder weights, both sides time (1 thread each, medians) the decoder
/// forward without gradient over all N slots (thread CPU time here, process CPU time in the twin: the machine is shared), and a training step (forward over all slots, the twin's scalar loss of every
/// layer's outputs against seeded weights, backward to every decoder parameter; no optimiser update, no dropout).
/// Ours also times <see cref="PoseDecoder.Infer"/>, the inference call (it decodes the valid slots only). The twin
/// reports its peak resident memory after the inference timings and at the end. Agreement: max relative error of every
/// layer's poses and of the loss, and the worst gradient (tensors whose gradient is zero to 1e-5 of the largest left out).
/// </summary>
internal static class Stage2TwinComparison
{
    private const string Python = "/usr/bin/python3";
    private const int Repeats = 5;

    public static Dictionary<string, object?> Run(PoseDecoder decoder, DecoderInput input, bool json)
    {
        var script = TwinScript.Find("stage2_twin.py");
        if (script is null || !File.Exists(Python))
        {
            return TwinScript.Unavailable("Stage II PyTorch twin", script is null ? "bench/torch/stage2_twin.py not found" : $"{Python} not found", json);
        }

        var config = decoder.Config;
        decoder.Eval();
        var views = input.Views;
        int s = views.Samples, v = views.Views, n = config.Slots;
        var gen = new Generator(41);
        var weights = new Dictionary<string, Tensor>
        {
            ["in.w_poses"] = Tensor.Randn(gen, s, n, 15, 3),
            ["in.w_reprojected"] = Tensor.Randn(gen, s, v, n, 15, 2),
            ["in.w_refined"] = Tensor.Randn(gen, s, v, n, 15, 2),
            ["in.w_residuals"] = Tensor.Randn(gen, s, n, 15),
        };
        Tensor Loss(IReadOnlyList<DecoderLayerOutput> layers)
        {
            Tensor? loss = null;
            foreach (var o in layers)
            {
                var term = ((o.Poses * weights["in.w_poses"]).Sum() / 1000f) + ((o.Reprojected * weights["in.w_reprojected"]).Sum() / 100f)
                    + ((o.Refined2D * weights["in.w_refined"]).Sum() / 100f) + (o.Residuals * weights["in.w_residuals"]).Sum();
                loss = loss is null ? term : loss + term;
            }

            return loss!;
        }

        var inferMs = Median(() =>
        {
            using var scope = Tensor.Scope();
            decoder.Infer(input);
        });
        var forwardMs = Median(() =>
        {
            using var _ = Tensor.NoGrad();
            using var scope = Tensor.Scope();
            decoder.Forward(input);
        });
        var trainMs = Median(() =>
        {
            using var scope = Tensor.Scope();
            decoder.ZeroGrad(setToNone: false);
            Loss(decoder.Forward(input).Layers).Backward();
        });

        decoder.ZeroGrad(setToNone: true);
        var outputs = decoder.Forward(input).Layers;
        var loss = Loss(outputs);
        loss.Backward();

        var dir = Path.Combine(Path.GetTempPath(), $"polypose-bench-stage2-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var batch = new Dictionary<string, Tensor>(weights)
            {
                ["in.level_0"] = input.Levels[0].Contiguous(),
                ["in.level_1"] = input.Levels[1].Contiguous(),
                ["in.level_2"] = input.Levels[2].Contiguous(),
                ["in.roots"] = input.Roots,
                ["in.slot_mask"] = input.SlotMask,
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
            string Mode(HypergraphAttentionMode m) => m == HypergraphAttentionMode.Node ? "node" : "edge";
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
            var inPath = Path.Combine(dir, "batch.safetensors");
            var outPath = Path.Combine(dir, "twin.safetensors");
            SafeTensors.Save(inPath, batch, meta);
            var error = RunTwin(script, inPath, outPath);
            if (error is not null)
            {
                return TwinScript.Unavailable("Stage II PyTorch twin", error, json);
            }

            var twin = SafeTensors.Load(outPath);
            var forward = TwinScript.Relative(loss.Reshape(1), twin.Tensors["out.loss"]);
            for (var l = 0; l < outputs.Count; l++)
            {
                forward = Math.Max(forward, TwinScript.Relative(outputs[l].Poses, twin.Tensors[$"out.poses_{l}"]));
            }

            var named = decoder.NamedParameters().ToArray();
            var globalScale = named.Max(np => twin.Tensors["grad." + np.Name].ToArray().Max(Math.Abs));
            double worstGrad = 0;
            var worstName = "";
            foreach (var (name, p) in named)
            {
                var reference = twin.Tensors["grad." + name];
                if (reference.ToArray().Max(Math.Abs) < 1e-5 * globalScale)
                {
                    continue;
                }

                var rel = TwinScript.Relative(p.Grad ?? Tensor.ZerosLike(p), reference);
                if (rel > worstGrad)
                {
                    (worstGrad, worstName) = (rel, name);
                }
            }

            decoder.ZeroGrad(setToNone: true);
            double Meta(string key) => double.Parse(twin.Metadata[key], CultureInfo.InvariantCulture);
            var valid = input.SlotMask.ToBoolArray().Count(b => b);
            var r = new Dictionary<string, object?>
            {
                ["torch"] = twin.Metadata.GetValueOrDefault("torch"),
                ["slots"] = n,
                ["valid_slots"] = valid,
                ["views"] = v,
                ["threads"] = 1,
                ["ours_infer_valid_slots_ms"] = inferMs,
                ["ours_forward_all_slots_ms"] = forwardMs,
                ["torch_forward_all_slots_ms"] = Meta("inference_ms"),
                ["ours_train_step_ms"] = trainMs,
                ["torch_train_step_ms"] = Meta("train_step_ms"),
                ["forward_ratio"] = forwardMs / Meta("inference_ms"),
                ["train_step_ratio"] = trainMs / Meta("train_step_ms"),
                ["torch_peak_rss_inference_mib"] = Meta("peak_rss_inference_mib"),
                ["torch_peak_rss_mib"] = Meta("peak_rss_mib"),
                ["forward_max_relative_error"] = forward,
                ["gradient_max_relative_error"] = worstGrad,
                ["worst_gradient"] = worstName,
            };
            if (!json)
            {
                Console.WriteLine($"  Stage II PyTorch twin ({r["torch"]}, {valid} people in {n} slots, {v} views, 1 thread each, CPU time, medians of {Repeats}): ours / torch");
                Console.WriteLine($"    decoder forward, all slots, no grad {forwardMs,9:F2} / {Meta("inference_ms"),9:F2} ms = {r["forward_ratio"]:F2}x (ours Infer, valid slots only: {inferMs:F2} ms)");
                Console.WriteLine($"    decoder training step               {trainMs,9:F2} / {Meta("train_step_ms"),9:F2} ms = {r["train_step_ratio"]:F2}x");
                Console.WriteLine($"    torch peak RSS: {Meta("peak_rss_inference_mib"):F0} MiB after inference, {Meta("peak_rss_mib"):F0} MiB at the end");
                Console.WriteLine($"    agreement: forward {forward:E2} relative, worst gradient {worstGrad:E2} ({worstName})");
            }

            return r;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Median(Action action)
    {
        for (var i = 0; i < 2; i++)
        {
            action();
        }

        var samples = new double[Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            var start = ThreadClock.NowMs();
            action();
            samples[i] = ThreadClock.NowMs() - start;
        }

        Array.Sort(samples);
        return samples[Repeats / 2];
    }

    private static string? RunTwin(string script, string input, string output)
    {
        var info = new ProcessStartInfo(Python, [script, "--in", input, "--out", output, "--threads", "1", "--repeats", Repeats.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(info);
        if (p is null)
        {
            return $"could not start {Python}";
        }

        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(600_000))
        {
            p.Kill(entireProcessTree: true);
            return "stage2_twin.py did not finish within 10 minutes";
        }

        return p.ExitCode == 0 ? null : $"stage2_twin.py exited {p.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}";
    }
}
