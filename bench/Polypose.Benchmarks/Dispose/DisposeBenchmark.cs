using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Formats;
using Polypose.Reconstruction.Input;
using Polypose.Tensors;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// <c>polypose bench dispose [--json] [--data DIR] [--frames N] [--reference-frames N] [--config cpu|reference|both|FILE]
/// [--dim D] [--model PATH] [--no-torch] [--sweep] [--assigner-only] [--inference-only]</c> (<c>--dim</c>: the CPU configuration at another denoiser and attention width): DisPOSE Stage I inference frames/s on the Shelf frames (see
/// <see cref="Stage1Pipeline"/> for what a frame includes) at 1 and 2 threads, the stage split, the Sinkhorn share,
/// bytes allocated per frame and peak working set; the teacher's frames/s (the reconstruct pipeline) on the same frames;
/// and the PyTorch twin (bench/torch/stage1_twin.py) of the denoiser + Sinkhorn on one frame's batch: inference and
/// training-step times measured in the same run and the numerical agreement (max relative error of the logits and of
/// every gradient). <c>--sweep</c> adds the CPU-configuration sweep (denoiser width, heatmap stride, encoder width).
/// Every configuration also runs the real path of <c>reconstruct --model</c> (<see cref="Stage1AssignerPath"/>: NMS
/// root candidates, <c>RootHypergraphBuilder</c>); <c>--assigner-only</c> runs just that. <c>--config FILE</c> takes
/// the sizes from a <c>Stage1Config</c> JSON file (e.g. bench/Polypose.Benchmarks/Dispose/cpu-d32-s8.json).
/// Weights are seeded random unless <c>--model</c> names a safetensors file with encoder.*, attention.*, denoiser.*.
/// A full DisPOSE model file (polypose-dispose/1, Stage I + II) as <c>--model</c> runs <see cref="DisposeModelBenchmark"/> instead
/// (<c>--inference-only</c>: without the training step and the twins).
/// </summary>
internal static class DisposeBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        var o = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    o.Json = true;
                    break;
                case "--no-torch":
                    o.Torch = false;
                    break;
                case "--sweep":
                    o.Sweep = true;
                    break;
                case "--assigner-only":
                    o.AssignerOnly = true;
                    break;
                case "--inference-only":
                    o.InferenceOnly = true;
                    break;
                case "--data" when i + 1 < args.Length:
                    o.Data = args[++i];
                    break;
                case "--model" when i + 1 < args.Length:
                    o.Model = args[++i];
                    break;
                case "--config" when i + 1 < args.Length && (args[i + 1] is "cpu" or "reference" or "both" || File.Exists(args[i + 1])):
                    o.Config = args[++i];
                    break;
                case "--frames" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var f) && f >= 1:
                    o.Frames = f;
                    i++;
                    break;
                case "--dim" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var dim) && dim >= 4 && dim % 4 == 0:
                    o.Dim = dim;
                    i++;
                    break;
                case "--reference-frames" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rf) && rf >= 1:
                    o.ReferenceFrames = rf;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown or incomplete option '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        o.Data ??= FindShelf();
        if (o.Data is null || !File.Exists(Path.Combine(o.Data, "calibration.json")) || !Directory.Exists(Path.Combine(o.Data, "detection")))
        {
            Console.Error.WriteLine($"error: --data must name a folder with calibration.json and detection/ (Shelf: ../shared/data/shelf), got '{o.Data}'");
            return 2;
        }

        if (o.Model is not null && !File.Exists(o.Model))
        {
            Console.Error.WriteLine($"error: --model {o.Model}: file not found");
            return 2;
        }

        ReconstructionInput input;
        try
        {
            input = ReconstructionInput.Load(Path.Combine(o.Data, "calibration.json"), Path.Combine(o.Data, "detection"), 300);
        }
        catch (PolyposeFormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        var report = new Dictionary<string, object?>
        {
            ["benchmark"] = "dispose",
            ["data"] = o.Data,
            ["views"] = input.Rig.Count,
            ["gemm_backend"] = Gemm.Backend,
            ["weights"] = o.Model ?? "seeded random (seed 8)",
        };
        if (o.Model is not null && Learning.DisposeModel.FormatOf(o.Model) == Learning.DisposeModel.FormatName)
        {
            var full = DisposeModelBenchmark.Run(o.Model, input, o.Frames, o.Torch, o.InferenceOnly, o.Json);
            if (full is null)
            {
                return 2;
            }

            report["full_model"] = full;
            report["peak_working_set_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(o.Json ? JsonSerializer.Serialize(report, Indented) : $"  peak working set {report["peak_working_set_mib"]:F0} MiB");
            return 0;
        }

        var configs = new List<Stage1Configuration>();
        if (o.Config is "cpu" or "both")
        {
            configs.Add(o.Dim is { } d ? Stage1Configuration.Cpu.WithDim(d) : Stage1Configuration.Cpu);
        }

        if (o.Config is "reference" or "both")
        {
            configs.Add(Stage1Configuration.Reference);
        }

        if (o.Config is not ("cpu" or "reference" or "both"))
        {
            try
            {
                var file = Stage1Configuration.From(Learning.Stage1Config.Resolve(o.Config));
                configs.Add(o.Dim is { } d ? file.WithDim(d) : file);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: --config {o.Config}: {ex.Message}");
                return 2;
            }
        }

        var results = new List<Dictionary<string, object?>>();
        foreach (var config in configs)
        {
            var frames = config == Stage1Configuration.Reference ? o.ReferenceFrames : o.Frames;
            var r = MeasureConfiguration(config, input, frames, o, report);
            if (r is null)
            {
                return 2;
            }

            results.Add(r);
        }

        report["configurations"] = results;
        if (o.Sweep)
        {
            report["sweep"] = Sweep(input, o);
        }

        report["peak_working_set_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        if (o.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, Indented));
        }
        else
        {
            Console.WriteLine($"  peak working set {report["peak_working_set_mib"]:F0} MiB");
        }

        return 0;
    }

    private const string Usage = "usage: polypose bench dispose [--json] [--data DIR] [--frames N] [--reference-frames N] [--config cpu|reference|both|FILE] [--dim D] [--model PATH] [--no-torch] [--sweep] [--assigner-only] [--inference-only]";

    private static Dictionary<string, object?>? MeasureConfiguration(Stage1Configuration config, ReconstructionInput input, int frameCount, Args o, Dictionary<string, object?> report)
    {
        if (o.AssignerOnly)
        {
            var only = MeasureAssignerPath(config, input, [.. input.Frames.Take(frameCount).Select(f => f.Views)], o);
            return only is null ? null : new Dictionary<string, object?> { ["configuration"] = config.Name, ["assigner_path"] = only };
        }

        var sizes = input.Rig.Select(c => (c.Width, c.Height)).ToArray();
        var pipeline = new Stage1Pipeline(config, input.Rig, sizes, 8);
        if (o.Model is not null && pipeline.Load(o.Model) is { } error)
        {
            Console.Error.WriteLine($"error: {error}");
            return null;
        }

        var frames = input.Frames.Take(frameCount).Select(f => f.Views).ToArray();
        TensorThreads.Count = 1;
        var warmup = config == Stage1Configuration.Reference ? 1 : 3;
        WarmUp(pipeline, frames, warmup);

        // 1 thread: wall split per stage, thread CPU time, allocations.
        var one = new Stage1Timings();
        var cpu0 = ThreadClock.NowMs();
        var alloc0 = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        RunFrames(pipeline, frames, one);
        var wallOne = wall.Elapsed.TotalMilliseconds;
        var cpuOne = ThreadClock.NowMs() - cpu0;
        var allocPerFrame = (GC.GetAllocatedBytesForCurrentThread() - alloc0) / (double)frames.Length;

        TensorThreads.Count = 2;
        WarmUp(pipeline, frames, warmup);
        var two = new Stage1Timings();
        wall.Restart();
        RunFrames(pipeline, frames, two);
        var wallTwo = wall.Elapsed.TotalMilliseconds;
        TensorThreads.Count = 1;

        // Sinkhorn alone: the 22 projections of each frame's sampler run, on the same problems.
        double sinkhorn = 0;
        using (Tensor.NoGrad())
        {
            foreach (var views in frames)
            {
                using var scope = Tensor.Scope();
                var graph = pipeline.Prepare(views, new Stage1Timings()).Graph;
                if (graph is not null)
                {
                    sinkhorn += Stage1Pipeline.SinkhornAloneMs(graph);
                }
            }
        }

        // The teacher (reconstruct: PAF parsing, association, triangulation, rectification) on the same frames.
        var teacherInput = input with { Frames = [.. input.Frames.Take(frames.Length)], Paf = input.Paf is null ? null : [.. input.Paf.Take(frames.Length)] };
        teacherInput.Reconstruct(1);
        wall.Restart();
        teacherInput.Reconstruct(1);
        var teacherMs = wall.Elapsed.TotalMilliseconds;

        var n = frames.Length;
        var r = new Dictionary<string, object?>
        {
            ["configuration"] = config.Name,
            ["dim"] = config.Denoiser.Dim,
            ["layers"] = config.Denoiser.Layers,
            ["heads"] = config.Denoiser.Heads,
            ["attention_heads"] = config.Attention.Heads,
            ["attention_points"] = config.Attention.Points,
            ["encoder_channels"] = config.EncoderChannels,
            ["heatmap"] = $"{config.Grid.HeatmapWidth}x{config.Grid.HeatmapHeight}",
            ["frames"] = n,
            ["frames_with_edges"] = one.Frames,
            ["edges_per_frame"] = one.Frames == 0 ? 0 : one.Edges / (double)one.Frames,
            ["frames_per_s_1_thread_wall"] = 1000.0 * n / wallOne,
            ["frames_per_s_1_thread_cpu"] = 1000.0 * n / cpuOne,
            ["frames_per_s_2_threads_wall"] = 1000.0 * n / wallTwo,
            ["ms_per_frame_split_1_thread"] = new Dictionary<string, double>
            {
                ["evidence"] = one.EvidenceMs / n,
                ["candidates"] = one.CandidatesMs / n,
                ["encoder"] = one.EncoderMs / n,
                ["attention"] = one.AttentionMs / n,
                ["sampler"] = one.SamplerMs / n,
                ["of_which_denoiser"] = one.DenoiserMs / n,
                ["decode"] = one.DecodeMs / n,
            },
            ["sinkhorn_ms_per_frame"] = sinkhorn / n,
            ["sinkhorn_share"] = sinkhorn / one.TotalMs,
            ["allocated_bytes_per_frame"] = allocPerFrame,
            ["allocated_bytes_per_frame_split"] = one.AllocatedBytes.ToDictionary(kv => kv.Key, kv => kv.Value / (double)n),
            ["teacher_frames_per_s_1_thread_wall"] = 1000.0 * n / teacherMs,
            ["stage1_over_teacher_time"] = wallOne / teacherMs,
        };
        if (!o.Json)
        {
            Console.WriteLine($"Stage I [{config.Name}] d={config.Denoiser.Dim} layers={config.Denoiser.Layers} heads={config.Denoiser.Heads}, attention {config.Attention.Heads}x{config.Attention.Points} points, encoder C={config.EncoderChannels}, heatmap {r["heatmap"]}; {n} Shelf frames, {r["edges_per_frame"]:F1} edges/frame");
            Console.WriteLine($"  1 thread : {r["frames_per_s_1_thread_wall"]:F2} frames/s wall, {r["frames_per_s_1_thread_cpu"]:F2} frames/s from thread CPU time");
            Console.WriteLine($"  2 threads: {r["frames_per_s_2_threads_wall"]:F2} frames/s wall");
            var split = (Dictionary<string, double>)r["ms_per_frame_split_1_thread"]!;
            Console.WriteLine($"  ms/frame : {string.Join(", ", split.Select(kv => $"{kv.Key} {kv.Value:F2}"))}");
            Console.WriteLine($"  Sinkhorn : {sinkhorn / n:F3} ms/frame = {100 * sinkhorn / one.TotalMs:F2}% of Stage I");
            Console.WriteLine($"  allocated {allocPerFrame / 1024:F0} KiB/frame: {string.Join(", ", one.AllocatedBytes.Select(kv => $"{kv.Key} {kv.Value / 1024.0 / n:F0}"))} KiB");
            Console.WriteLine($"  teacher  : {r["teacher_frames_per_s_1_thread_wall"]:F1} frames/s (1 thread, same frames); Stage I takes {wallOne / teacherMs:F2}x the teacher's time");
        }

        var assigner = MeasureAssignerPath(config, input, frames, o);
        if (assigner is null)
        {
            return null;
        }

        r["assigner_path"] = assigner;
        if (o.Torch)
        {
            r["torch_twin"] = TwinComparison.Run(pipeline, frames, o.Json);
        }

        return r;
    }

    // The real path of `reconstruct --model` (Stage1CrossViewAssigner: NMS root candidates, RootHypergraphBuilder):
    // 1 thread, its own call timed (wall and thread CPU time) and its steps timed one by one.
    private static Dictionary<string, object?>? MeasureAssignerPath(Stage1Configuration config, ReconstructionInput input, IReadOnlyList<IReadOnlyList<Person2D>>[] frames, Args o)
    {
        Learning.Stage1Model model;
        if (o.Model is not null)
        {
            try
            {
                model = Learning.Stage1Model.Load(o.Model);
            }
            catch (PolyposeFormatException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return null;
            }
        }
        else
        {
            model = new Learning.Stage1Model(config.ToStage1Config(), new Generator(8));
            model.Eval();
        }

        var path = new Stage1AssignerPath(model, input.Rig);
        TensorThreads.Count = 1;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3 || (i < 400 && Stopwatch.GetElapsedTime(start).TotalSeconds < 2.0); i++)
        {
            path.Associate(frames[i % frames.Length]);
        }

        // Three passes over the frames; the fastest counts (the machine is shared: the others lost time to other jobs).
        double wallMs = double.PositiveInfinity, cpuMs = double.PositiveInfinity;
        var groups = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            groups = 0;
            var cpu0 = ThreadClock.NowMs();
            var wall = Stopwatch.StartNew();
            foreach (var views in frames)
            {
                groups += path.Associate(views);
            }

            wallMs = Math.Min(wallMs, wall.Elapsed.TotalMilliseconds);
            cpuMs = Math.Min(cpuMs, ThreadClock.NowMs() - cpu0);
        }

        var t = new Stage1Timings();
        foreach (var views in frames)
        {
            using var scope = Tensor.Scope();
            path.Run(views, t);
        }

        var n = frames.Length;
        var r = new Dictionary<string, object?>
        {
            ["model"] = o.Model ?? "seeded random (seed 8)",
            ["configuration"] = model.Config.Name,
            ["frames"] = n,
            ["groups_per_frame"] = groups / (double)n,
            ["edges_per_frame"] = t.Frames == 0 ? 0 : t.Edges / (double)t.Frames,
            ["frames_per_s_1_thread_wall"] = 1000.0 * n / wallMs,
            ["frames_per_s_1_thread_cpu"] = 1000.0 * n / cpuMs,
            ["ms_per_frame_cpu_split_1_thread"] = new Dictionary<string, double>
            {
                ["evidence_and_roots"] = t.EvidenceMs / n,
                ["candidates"] = t.CandidatesMs / n,
                ["encoder"] = t.EncoderMs / n,
                ["attention"] = t.AttentionMs / n,
                ["sampler"] = t.SamplerMs / n,
                ["decode"] = t.DecodeMs / n,
            },
        };
        if (!o.Json)
        {
            var split = (Dictionary<string, double>)r["ms_per_frame_cpu_split_1_thread"]!;
            Console.WriteLine($"  assigner : {r["frames_per_s_1_thread_wall"]:F2} frames/s wall, {r["frames_per_s_1_thread_cpu"]:F2} from thread CPU time (reconstruct --model path, {r["model"]}); {r["edges_per_frame"]:F1} edges/frame, {r["groups_per_frame"]:F2} groups/frame");
            Console.WriteLine($"  CPU ms/frame: {string.Join(", ", split.Select(kv => $"{kv.Key} {kv.Value:F2}"))}");
        }

        return r;
    }

    private static void RunFrames(Stage1Pipeline pipeline, IReadOnlyList<IReadOnlyList<IReadOnlyList<Person2D>>> frames, Stage1Timings t)
    {
        using var _ = Tensor.NoGrad();
        foreach (var views in frames)
        {
            using var scope = Tensor.Scope();
            pipeline.Run(views, t);
        }
    }

    // At least `minimum` frames and, up to 400 frames, 2 s of them (cycling), so tiered JIT reaches optimised code
    // before timing (a first measurement right after 3 frames ran at half the speed of a later one).
    private static void WarmUp(Stage1Pipeline pipeline, IReadOnlyList<IReadOnlyList<Person2D>>[] frames, int minimum)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < minimum || (i < 400 && Stopwatch.GetElapsedTime(start).TotalSeconds < 2.0); i++)
        {
            RunFrames(pipeline, [frames[i % frames.Length]], new Stage1Timings());
        }
    }

    // The CPU-configuration sweep: 1 thread, wall and CPU frames/s per variant of the CPU configuration.
    private static List<Dictionary<string, object?>> Sweep(ReconstructionInput input, Args o)
    {
        var variants = new List<Stage1Configuration>();
        foreach (var d in new[] { 16, 32, 48, 64, 96 })
        {
            variants.Add(Stage1Configuration.Cpu.WithDim(d));
        }

        foreach (var (stride, channels) in new[] { (8, 16), (16, 32), (8, 32), (4, 16) })
        {
            variants.Add(Stage1Configuration.Cpu.WithEvidence(stride, channels));
        }

        variants.Add(Stage1Configuration.Cpu with { Name = "cpu-8x8points", Attention = Stage1Configuration.Cpu.Attention with { Heads = 8, Points = 8 } });
        var sizes = input.Rig.Select(c => (c.Width, c.Height)).ToArray();
        var frames = input.Frames.Take(o.Frames).Select(f => f.Views).ToArray();
        var rows = new List<Dictionary<string, object?>>();
        TensorThreads.Count = 1;
        foreach (var config in variants)
        {
            var pipeline = new Stage1Pipeline(config, input.Rig, sizes, 8);
            WarmUp(pipeline, frames, 3);
            var t = new Stage1Timings();
            var cpu0 = ThreadClock.NowMs();
            var sw = Stopwatch.StartNew();
            RunFrames(pipeline, frames, t);
            var wall = sw.Elapsed.TotalMilliseconds;
            var cpu = ThreadClock.NowMs() - cpu0;
            var row = new Dictionary<string, object?>
            {
                ["configuration"] = config.Name,
                ["frames_per_s_1_thread_wall"] = 1000.0 * frames.Length / wall,
                ["frames_per_s_1_thread_cpu"] = 1000.0 * frames.Length / cpu,
                ["encoder_ms"] = t.EncoderMs / frames.Length,
                ["attention_ms"] = t.AttentionMs / frames.Length,
                ["sampler_ms"] = t.SamplerMs / frames.Length,
            };
            rows.Add(row);
            if (!o.Json)
            {
                Console.WriteLine($"  sweep {config.Name,-16} {row["frames_per_s_1_thread_cpu"],8:F1} frames/s (CPU time), {row["frames_per_s_1_thread_wall"],8:F1} wall; encoder {row["encoder_ms"]:F2} ms, attention {row["attention_ms"]:F2} ms, sampler {row["sampler_ms"]:F2} ms");
            }
        }

        return rows;
    }

    private static string? FindShelf()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "shelf");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class Args
    {
        public bool Json { get; set; }

        public bool Torch { get; set; } = true;

        public bool Sweep { get; set; }

        public bool AssignerOnly { get; set; }

        public bool InferenceOnly { get; set; }

        public string? Data { get; set; }

        public string? Model { get; set; }

        public string Config { get; set; } = "both";

        public int Frames { get; set; } = 60;

        public int ReferenceFrames { get; set; } = 2;

        public int? Dim { get; set; }
    }
}
