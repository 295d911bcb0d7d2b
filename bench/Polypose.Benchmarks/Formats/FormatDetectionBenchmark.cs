using System.Diagnostics;
using System.Globalization;
using Polypose.Formats;
using Polypose.Formats.Calibration;

namespace Polypose.Benchmarks.Formats;

/// <summary>
/// <c>polypose bench formats [--lines N] [--repeats R]</c>: the time of calibration format detection
/// (<see cref="CalibrationReader.DetectFormat"/>) on a hostile file of N lines <c>[a]</c> (4 bytes each; default
/// 500,000 = 2 MB, the issue 12 case that took 36 s at 200 KB when detection was quadratic) and on a tenth of it, so the
/// ratio shows whether the cost is linear in the size (≈ 10) or not. Each size is detected R times (default 5) after one
/// warm-up; prints the median and the slowest, in milliseconds of wall time (load-dependent: report with the load
/// average). Both files must be refused as unrecognised content; anything else is an error (exit 1). A last row times
/// reading <c>/dev/zero</c> as a calibration (issue 12: it ran out of memory after 4 GB; now refused as a device before
/// a byte is read), which must fail with the device message.
/// </summary>
public static class FormatDetectionBenchmark
{
    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var lines = 500_000;
        var repeats = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--lines" => int.TryParse(value, CultureInfo.InvariantCulture, out lines) && lines >= 10,
                "--repeats" => int.TryParse(value, CultureInfo.InvariantCulture, out repeats) && repeats > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"error: bad argument '{args[i]} {value}'\nusage: polypose bench formats [--lines N] [--repeats R]");
                return 2;
            }
        }

        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"error: '{args[^1]}' needs a value");
            return 2;
        }

        var dir = Path.Combine(Path.GetTempPath(), "polypose-bench-formats-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine("| file | bytes | median ms | slowest ms |");
            Console.WriteLine("|---|---:|---:|---:|");
            var small = Measure(dir, lines / 10, repeats);
            var large = Measure(dir, lines, repeats);
            var device = MeasureDevice(repeats);
            if (small is null || large is null || device is null)
            {
                return 1;
            }

            Console.WriteLine(FormattableString.Invariant($"time ratio for 10x the size: {large.Value / Math.Max(small.Value, 1e-6):F1} (linear: about 10)"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Reads <c>/dev/zero</c> as a calibration R times; the median milliseconds, or null when not refused as a device.</summary>
    private static double? MeasureDevice(int repeats)
    {
        const string device = "/dev/zero";
        if (!File.Exists(device))
        {
            Console.WriteLine($"| {device} (not on this system) | - | - | - |");
            return 0;
        }

        var times = new double[repeats];
        for (var r = -1; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                _ = CalibrationReader.Read(device);
                Console.Error.WriteLine($"error: {device} was read as a calibration; expected it refused");
                return null;
            }
            catch (PolyposeFormatException e) when (e.Message.Contains("is a device or socket", StringComparison.Ordinal))
            {
            }
            catch (PolyposeFormatException e)
            {
                Console.Error.WriteLine($"error: expected '{device}: is a device or socket', got: {e.Message}");
                return null;
            }

            if (r >= 0)
            {
                times[r] = watch.Elapsed.TotalMilliseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine(FormattableString.Invariant($"| {device} read as a calibration (refused) | - | {times[repeats / 2]:F3} | {times[^1]:F3} |"));
        return times[repeats / 2];
    }

    /// <summary>Writes <paramref name="lines"/> lines of <c>[a]</c>, detects the format; the median milliseconds, or null when not refused as expected.</summary>
    private static double? Measure(string dir, int lines, int repeats)
    {
        var file = Path.Combine(dir, FormattableString.Invariant($"tables-{lines}.toml"));
        File.WriteAllText(file, string.Concat(Enumerable.Repeat("[a]\n", lines)));
        var times = new double[repeats];
        for (var r = -1; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                CalibrationReader.DetectFormat(file);
                Console.Error.WriteLine($"error: {file} was detected as a calibration; expected it refused");
                return null;
            }
            catch (PolyposeFormatException e)
            {
                if (!e.Message.Contains("unrecognised calibration content", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"error: expected 'unrecognised calibration content', got: {e.Message}");
                    return null;
                }
            }

            if (r >= 0)
            {
                times[r] = watch.Elapsed.TotalMilliseconds;
            }
        }

        Array.Sort(times);
        var median = times[repeats / 2];
        Console.WriteLine(FormattableString.Invariant($"| {lines:N0} lines of [a] | {new FileInfo(file).Length:N0} | {median:F1} | {times[^1]:F1} |"));
        return median;
    }
}
