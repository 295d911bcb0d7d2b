using System.Globalization;
using System.Text;
using System.Text.Json;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Engine;

/// <summary>Benchmark result rows, targets and text/JSON rendering.</summary>
internal sealed record EngineReport(
    int Threads,
    string GemmBackend,
    string Peer,
    IReadOnlyList<EngineRow> Rows,
    double BlockPeakDeltaMb,
    double? PeerBlockPeakDeltaMb,
    bool? BlockMemoryWithinTarget,
    IReadOnlyList<long> AllocatedBytesPerTrainingStep,
    bool AllocationsFlat,
    string GcSettings)
{
    /// <summary>Workload, description and the largest allowed Polypose/PyTorch time ratio (null: report only).</summary>
    private static readonly (string Name, string Label, double? MaxRatio)[] Workloads =
    [
        ("gemm_256", "GEMM 256", null),
        ("gemm_1024", "GEMM 1024 (>= 90% throughput)", 1 / 0.9),
        ("gemm_2048", "GEMM 2048", null),
        ("conv3x3_64_fwd_bwd", "conv2d 3x3 64->64 1x64x56x56 fwd+bwd", 1.5),
        ("dw3x3_128_fwd", "depthwise 3x3 1x128x56x56 fwd", 1.5),
        ("dw3x3_128_fwd_bwd", "depthwise 3x3 1x128x56x56 fwd+bwd", 1.5),
        ("block_fwd_bwd", "pre-norm block d256 h8 150 tok fwd+bwd", 1.5),
        ("small_ops_1000", "1000 ops on 16-element tensors", 3.0),
        ("adam_5m_step", "Adam step, 5M parameters", 1.5),
    ];

    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static EngineReport Build(EngineWorkloads ours, TorchPeer? torch, int threads)
    {
        var rows = new List<EngineRow>();
        foreach (var (name, label, max) in Workloads)
        {
            var mine = ours.Results[name].MedianMs;
            double? theirs = torch is { Available: true } && torch.Results.TryGetValue(name, out var m) ? m.MedianMs : null;
            var ratio = theirs is > 0 ? mine / theirs : null;
            rows.Add(new EngineRow(name, label, mine, theirs, ratio, max, ratio is null || max is null ? null : ratio <= max));
        }

        var steps = ours.AllocatedBytesPerStep;
        var early = steps.Skip(2).Take(3).Average();
        var flat = steps.Length > 5 && steps[^1] <= early * 1.05 + 4096;
        double? peerMem = torch is { Available: true } ? torch.BlockPeakDeltaMb : null;
        var peerName = torch is null ? "disabled (--no-peer)" : torch.Available ? torch.Version! : "unavailable: " + torch.UnavailableReason;
        return new EngineReport(threads, Gemm.Backend, peerName, rows, ours.BlockPeakDeltaMb, peerMem,
            peerMem is > 0 ? ours.BlockPeakDeltaMb <= 2 * peerMem : null, steps, flat, DescribeGc());
    }

    /// <summary>
    /// The GC settings that matter for tensor workloads. Large tensors (≥ 85,000 bytes by default) go to the large object
    /// heap, whose budget triggers full (gen2) collections; the benchmark loops avoid that by running each step in a
    /// <c>Tensor.Scope()</c> so activations and gradients are recycled through the tensor pool instead of reallocated.
    /// </summary>
    private static string DescribeGc()
    {
        var config = GC.GetConfigurationVariables();
        var loh = config.TryGetValue("LOHThreshold", out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : "default";
        var server = config.TryGetValue("ServerGC", out var sg) ? Convert.ToString(sg, CultureInfo.InvariantCulture) : "?";
        var concurrent = config.TryGetValue("ConcurrentGC", out var cc) ? Convert.ToString(cc, CultureInfo.InvariantCulture) : "?";
        return $"LOHThreshold={loh} bytes, ServerGC={server}, Concurrent={concurrent} (training loops run inside Tensor.Scope(), recycling storage through TensorPool)";
    }

    public static string Format(EngineReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Engine benchmark: threads={r.Threads}, GEMM backend={r.GemmBackend}, peer={r.Peer}");
        sb.AppendLine(c, $"GC: {r.GcSettings}");
        sb.AppendLine(c, $"{"workload",-42} {"polypose ms",12} {"pytorch ms",12} {"ratio",7} {"target",7}  ok");
        foreach (var row in r.Rows)
        {
            var theirs = row.PytorchMs is { } t ? t.ToString("F3", c) : "n/a";
            var ratio = row.Ratio is { } q ? q.ToString("F2", c) : "n/a";
            var target = row.MaxRatio is { } mx ? "<=" + mx.ToString("F2", c) : "-";
            var ok = row.WithinTarget switch { true => "yes", false => "NO", _ => "-" };
            sb.AppendLine(c, $"{row.Label,-42} {row.PolyposeMs,12:F3} {theirs,12} {ratio,7} {target,7}  {ok}");
        }

        var gemm = r.Rows.First(x => x.Name == "gemm_1024");
        const double Flop = 2.0 * 1024 * 1024 * 1024;
        var peerGemm = gemm.PytorchMs is { } g ? string.Create(c, $", pytorch {Flop / (g * 1e6):F1} GFLOP/s") : string.Empty;
        sb.AppendLine(c, $"GEMM 1024 throughput: polypose {Flop / (gemm.PolyposeMs * 1e6):F1} GFLOP/s{peerGemm}");
        var peerMem = r.PeerBlockPeakDeltaMb is { } pm
            ? string.Create(c, $", pytorch {pm:F1} MB (target <= 2x: {(r.BlockMemoryWithinTarget == true ? "yes" : "NO")})")
            : string.Empty;
        sb.AppendLine(c, $"Block peak working-set growth: polypose {r.BlockPeakDeltaMb:F1} MB{peerMem}");
        sb.AppendLine(c, $"Allocated bytes per training step (block + Adam): {string.Join(", ", r.AllocatedBytesPerTrainingStep.Select(b => (b / 1024.0).ToString("F0", c) + " KiB"))}");
        sb.AppendLine(c, $"Allocations flat across steps: {(r.AllocationsFlat ? "yes" : "NO")}; process peak working set {Environment.WorkingSet / (1 << 20)} MB now, GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / (1 << 20)} MB");
        return sb.ToString();
    }
}

/// <summary>One workload: median times in ms and Polypose/PyTorch time ratio against its target.</summary>
internal sealed record EngineRow(string Name, string Label, double PolyposeMs, double? PytorchMs, double? Ratio, double? MaxRatio, bool? WithinTarget);
