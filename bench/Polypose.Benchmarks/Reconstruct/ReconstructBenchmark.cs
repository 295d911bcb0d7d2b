using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Polypose.Formats;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Input;

namespace Polypose.Benchmarks.Reconstruct;

/// <summary>
/// <c>polypose bench reconstruct --data DIR</c>: frames per second of the association + triangulation pipeline on a
/// 4D Association-layout data set (Shelf: 301 frames, 5 views), on one thread and on all cores, plus bytes allocated per
/// frame and the process's peak working set. Reading the files is measured separately and excluded from frames/s; the
/// per-frame work (bottom-up person parsing from part affinities, association, triangulation, rectification) is included.
/// </summary>
public static class ReconstructBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        string? data = null;
        var json = false;
        var repeats = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--json":
                    json = true;
                    break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    repeats = r;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: unexpected argument '{args[i]}'\nusage: polypose bench reconstruct --data DIR [--json] [--repeats N]");
                    return 2;
            }
        }

        if (data is null || !Directory.Exists(data))
        {
            Console.Error.WriteLine($"error: --data must name a folder with calibration.json and detection/ (got '{data}')");
            return 2;
        }

        ReconstructionInput input;
        var parse = Stopwatch.StartNew();
        try
        {
            input = ReconstructionInput.Load(Path.Combine(data, "calibration.json"), Path.Combine(data, "detection"), 300);
        }
        catch (PolyposeFormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        var parseSeconds = parse.Elapsed.TotalSeconds;
        var frames = input.Frames;

        // Warm-up (JIT, tiered compilation), then the median of several timed passes.
        for (var w = 0; w < 3; w++)
        {
            input.Reconstruct(1);
        }

        var single = Median(repeats, () => input.Reconstruct(1));
        var cores = Environment.ProcessorCount;
        var multi = Median(repeats, () => input.Reconstruct(cores));
        var allocated = AllocatedPerFrame(input);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var result = new
        {
            benchmark = "reconstruct",
            data,
            frames = frames.Count,
            views = input.Rig.Count,
            detectionsPerFrame = frames.Average(f => f.Views.Sum(v => v.Count)),
            parseSeconds,
            singleThread = new { threads = 1, seconds = single, framesPerSecond = frames.Count / single },
            allCores = new { threads = cores, seconds = multi, framesPerSecond = frames.Count / multi },
            speedup = single / multi,
            allocatedBytesPerFrame = allocated,
            peakWorkingSetMiB = peak / (1024.0 * 1024.0),
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, Indented));
        }
        else
        {
            Console.WriteLine($"reconstruct: {frames.Count} frames x {input.Rig.Count} views, {result.detectionsPerFrame:F1} 2D persons/frame (parse {parseSeconds:F2} s, excluded)");
            Console.WriteLine($"  1 thread : {result.singleThread.framesPerSecond,8:F0} frames/s  ({single * 1000 / frames.Count:F3} ms/frame)");
            Console.WriteLine($"  {cores} threads: {result.allCores.framesPerSecond,8:F0} frames/s  (speed-up x{result.speedup:F2})");
            Console.WriteLine($"  allocated: {allocated:F0} bytes/frame; peak working set {result.peakWorkingSetMiB:F0} MiB");
        }

        return 0;
    }

    private static double Median(int repeats, Action action)
    {
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    // One reconstructor on this thread, the same path as Reconstruct(1): bytes allocated per frame after a warm-up pass.
    private static double AllocatedPerFrame(ReconstructionInput input)
    {
        var reconstructor = new MultiViewReconstructor();
        void Pass()
        {
            for (var i = 0; i < input.Frames.Count; i++)
            {
                _ = input.Paf is not null ? reconstructor.Reconstruct(input.Rig, input.Paf[i]) : reconstructor.Reconstruct(input.Rig, input.Frames[i].Views);
            }
        }

        Pass();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)input.Frames.Count;
    }
}
