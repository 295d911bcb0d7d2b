using System.Globalization;
using System.Text.Json;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Engine;

/// <summary>
/// <c>polypose bench engine [--json] [--threads N] [--repeats R] [--no-peer] [--managed-gemm] [--python PATH]</c>: runs the Polypose.Tensors
/// workloads and the same workloads in PyTorch on the CPU (bench/torch/engine_bench.py) with the same thread count in
/// one run, and prints median times, ratios (Polypose / PyTorch time) and the targets.
/// </summary>
public static class EngineBenchmark
{
    /// <summary>Entry point; returns 0 on success, 1 on bad arguments. A missing PyTorch peer is reported, not an error.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var json = false;
        var threads = TensorThreads.Count;
        var repeats = 7;
        var peer = true;
        var python = "/usr/bin/python3";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--no-peer":
                    peer = false;
                    break;
                case "--managed-gemm":
                    Gemm.ForceManaged = true;
                    break;
                case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 1:
                    threads = t;
                    i++;
                    break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 1:
                    repeats = r;
                    i++;
                    break;
                case "--python" when i + 1 < args.Length:
                    python = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"Error: unknown or incomplete option '{args[i]}'. Usage: bench engine [--json] [--threads N] [--repeats R] [--no-peer] [--managed-gemm] [--python PATH]");
                    return 1;
            }
        }

        TensorThreads.Count = threads;
        var torch = peer ? TorchPeer.Run(python, threads, repeats, TimeSpan.FromMinutes(10)) : null;
        var ours = new EngineWorkloads(repeats);
        ours.RunAll();
        var report = EngineReport.Build(ours, torch, threads);
        Console.WriteLine(json ? JsonSerializer.Serialize(report, EngineReport.JsonOptions) : EngineReport.Format(report));
        return 0;
    }
}
