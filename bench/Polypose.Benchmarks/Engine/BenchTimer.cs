using System.Diagnostics;

namespace Polypose.Benchmarks.Engine;

/// <summary>
/// Warm-up (at least <c>warmup</c> runs and, up to 400 runs, 2 s so tiered JIT reaches optimised code: the transformer
/// block needs ~250 steps / ~2 s before every hot method is re-jitted at tier 1), then the median wall time of repeated
/// runs (Stopwatch), in milliseconds.
/// </summary>
internal static class BenchTimer
{
    public static Measurement Measure(Action action, int warmup, int repeats)
    {
        var warmStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < warmup || (i < 400 && Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 2.0); i++)
        {
            action();
        }

        var samples = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        var median = repeats % 2 == 1 ? samples[repeats / 2] : 0.5 * (samples[(repeats / 2) - 1] + samples[repeats / 2]);
        return new Measurement(median, repeats);
    }
}
