using System.Diagnostics;
using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Learning.Assignment;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// The PyTorch twin as the speed peer of <c>bench dispose</c> (learning.md 5): on the first Shelf frame with
/// hyperedges, the Stage I denoiser's batch (that frame's node features, a corrupted state at t = 500, the weights of
/// the pipeline's denoiser) is timed here and written as safetensors for bench/torch/stage1_twin.py, which times the
/// same three workloads (1 thread each, medians): one denoiser call without gradient; that call plus the Sinkhorn
/// projection of its logits (2 sweeps); and one training step, forward + Sinkhorn + 0.5·X + 0.25·U loss + backward
/// (no optimiser update, no dropout). Agreement: max relative error of the logits, the loss and every gradient.
/// </summary>
internal static class TwinComparison
{
    private const string Python = "/usr/bin/python3";
    private const int Repeats = 9;

    public static Dictionary<string, object?> Run(Stage1Pipeline pipeline, IReadOnlyList<IReadOnlyList<IReadOnlyList<Person2D>>> frames, bool json)
    {
        var script = TwinScript.Find("stage1_twin.py");
        if (script is null || !File.Exists(Python))
        {
            return TwinScript.Unavailable("PyTorch twin", $"{(script is null ? "bench/torch/stage1_twin.py not found" : $"{Python} not found")}", json);
        }

        CandidateHyperedges? graph = null;
        Tensor? features = null;
        foreach (var views in frames)
        {
            using var _ = Tensor.NoGrad();
            var input = pipeline.Prepare(views, new Stage1Timings());
            if (input.Graph is not null)
            {
                (graph, features) = (input.Graph, input.NodeFeatures!.Contiguous().Clone());
                break;
            }
        }

        if (graph is null || features is null)
        {
            return TwinScript.Unavailable("PyTorch twin", "no frame has hyperedges", json);
        }

        var model = pipeline.Denoiser;
        var problem = new SparseSinkhornProblem(graph);
        var ddim = new ProjectedDdim(problem);
        var (x0, u0) = ddim.CleanTarget(Tensor.Randn(new Generator(31), graph.EdgeCount) * 5f);
        int[] t = [500];
        var state = ddim.Corrupt(u0, t, new Generator(32));

        int Inference(bool project)
        {
            using var _ = Tensor.NoGrad();
            using var scope = Tensor.Scope();
            var logits = model.Forward(graph, features, state, t);
            if (project)
            {
                SparseSinkhorn.Project(logits.Clamp(-30f, 30f), problem, ddim.InnerIterations);
            }

            return 0;
        }

        var denoiserMs = Median(() => Inference(false));
        var inferenceMs = Median(() => Inference(true));
        var trainLeaf = features.Clone().SetRequiresGrad();
        var trainMs = Median(() =>
        {
            using var scope = Tensor.Scope();
            model.ZeroGrad(setToNone: false);
            var logits = model.Forward(graph, trainLeaf, state, t);
            var (lx, lu) = ddim.Losses(logits, x0, u0);
            ((lx * 0.5f) + (lu * 0.25f)).Backward();
            return 0;
        });

        // The compared values: one more forward/backward from zero gradients.
        model.ZeroGrad(setToNone: true);
        var leaf = features.Clone().SetRequiresGrad();
        var ourLogits = model.Forward(graph, leaf, state, t);
        var (x, u) = ddim.Losses(ourLogits, x0, u0);
        var loss = (x * 0.5f) + (u * 0.25f);
        loss.Backward();

        var dir = Path.Combine(Path.GetTempPath(), $"polypose-bench-dispose-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var batch = new Dictionary<string, Tensor>
            {
                ["in.node_features"] = features,
                ["in.state"] = state,
                ["in.timesteps"] = Tensor.FromArray(t.Select(v => (long)v).ToArray(), t.Length),
                ["in.tuples"] = Tensor.FromArray(graph.Tuples.ToArray().Select(v => (long)v).ToArray(), graph.EdgeCount, graph.Views),
                ["in.edge_sample"] = Tensor.FromArray(graph.EdgeSample.ToArray().Select(v => (long)v).ToArray(), graph.EdgeCount),
                ["in.node_mask"] = Tensor.FromArray(graph.NodeMask.ToArray().Select(v => v ? 1L : 0L).ToArray(), graph.NodeSlotCount),
                ["in.cue"] = Tensor.FromArray(graph.Cue.ToArray(), graph.EdgeCount),
                ["in.x0"] = x0,
                ["in.u0"] = u0,
            };
            foreach (var (name, p) in model.NamedParameters())
            {
                batch["param." + name] = p.Detach();
            }

            var o = model.Options;
            var meta = new Dictionary<string, string>
            {
                ["dim"] = o.Dim.ToString(CultureInfo.InvariantCulture),
                ["heads"] = o.Heads.ToString(CultureInfo.InvariantCulture),
                ["layers"] = o.Layers.ToString(CultureInfo.InvariantCulture),
                ["samples"] = "1",
                ["views"] = graph.Views.ToString(CultureInfo.InvariantCulture),
                ["slots"] = graph.Slots.ToString(CultureInfo.InvariantCulture),
                ["inner_iterations"] = ddim.InnerIterations.ToString(CultureInfo.InvariantCulture),
            };
            var inPath = Path.Combine(dir, "batch.safetensors");
            var outPath = Path.Combine(dir, "twin.safetensors");
            SafeTensors.Save(inPath, batch, meta);
            var error = RunTwin(script, inPath, outPath);
            if (error is not null)
            {
                return TwinScript.Unavailable("PyTorch twin", error, json);
            }

            var twin = SafeTensors.Load(outPath);
            var forward = Math.Max(TwinScript.Relative(ourLogits, twin.Tensors["out.logits"]), TwinScript.Relative(loss.Reshape(1), twin.Tensors["out.loss"]));
            var worstGrad = TwinScript.Relative(leaf.Grad!, twin.Tensors["grad.node_features"]);
            var worstName = "node_features";
            foreach (var (name, p) in model.NamedParameters())
            {
                var rel = TwinScript.Relative(p.Grad!, twin.Tensors["grad." + name]);
                if (rel > worstGrad)
                {
                    (worstGrad, worstName) = (rel, name);
                }
            }

            model.ZeroGrad(setToNone: true);
            double Meta(string key) => double.Parse(twin.Metadata[key], CultureInfo.InvariantCulture);
            var r = new Dictionary<string, object?>
            {
                ["torch"] = twin.Metadata.GetValueOrDefault("torch"),
                ["edges"] = graph.EdgeCount,
                ["threads"] = 1,
                ["ours_denoiser_ms"] = denoiserMs,
                ["torch_denoiser_ms"] = Meta("denoiser_ms"),
                ["ours_inference_ms"] = inferenceMs,
                ["torch_inference_ms"] = Meta("inference_ms"),
                ["ours_train_step_ms"] = trainMs,
                ["torch_train_step_ms"] = Meta("train_step_ms"),
                ["denoiser_ratio"] = denoiserMs / Meta("denoiser_ms"),
                ["inference_ratio"] = inferenceMs / Meta("inference_ms"),
                ["train_step_ratio"] = trainMs / Meta("train_step_ms"),
                ["forward_max_relative_error"] = forward,
                ["gradient_max_relative_error"] = worstGrad,
                ["worst_gradient"] = worstName,
            };
            if (!json)
            {
                Console.WriteLine($"  PyTorch twin ({r["torch"]}, {graph.EdgeCount} edges, 1 thread each, medians of {Repeats}): ours / torch");
                Console.WriteLine($"    denoiser call      {denoiserMs,9:F2} / {Meta("denoiser_ms"),9:F2} ms = {r["denoiser_ratio"]:F2}x");
                Console.WriteLine($"    + Sinkhorn (infer) {inferenceMs,9:F2} / {Meta("inference_ms"),9:F2} ms = {r["inference_ratio"]:F2}x");
                Console.WriteLine($"    training step      {trainMs,9:F2} / {Meta("train_step_ms"),9:F2} ms = {r["train_step_ratio"]:F2}x");
                Console.WriteLine($"    agreement: forward {forward:E2} relative, worst gradient {worstGrad:E2} ({worstName})");
            }

            return r;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Median(Func<int> action)
    {
        for (var i = 0; i < 2; i++)
        {
            action();
        }

        var samples = new double[Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
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
            return "stage1_twin.py did not finish within 10 minutes";
        }

        return p.ExitCode == 0 ? null : $"stage1_twin.py exited {p.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}";
    }
}
