using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Benchmarks.Synthesis;

/// <summary>
/// <c>polypose bench synth</c>: wall time of <see cref="SceneGenerator.Generate"/> for the default scene (ring of 5
/// cameras, 4 people, 300 frames, seed 7: motion, projection, occlusion and detector noise), after a 10-frame warm-up;
/// the median and the fastest of N runs (default 5), in milliseconds and frames per second.
/// </summary>
public static class SynthBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        var json = false;
        var repeats = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    repeats = r;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: unexpected argument '{args[i]}'\nusage: polypose bench synth [--json] [--repeats N]");
                    return 2;
            }
        }

        var options = new SceneOptions { Rig = new RigSpec(RigKind.Ring, 5), People = 4, Frames = 300, Seed = 7 };
        SceneGenerator.Generate(options with { Frames = 10 });
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            SceneGenerator.Generate(options);
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(ms);
        var median = ms[repeats / 2];
        var report = new { scene = "ring:5, 4 people, 300 frames, seed 7", repeats, medianMs = median, fastestMs = ms[0], framesPerSecond = options.Frames / (median / 1000) };
        Console.Out.WriteLine(json
            ? JsonSerializer.Serialize(report, Indented)
            : string.Create(CultureInfo.InvariantCulture, $"synth {report.scene}: median {median:F0} ms, fastest {ms[0]:F0} ms of {repeats} ({report.framesPerSecond:F0} frames/s)"));
        return 0;
    }
}
