using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Polypose.Benchmarks.Engine;

/// <summary>Runs bench/torch/engine_bench.py with Debian's /usr/bin/python3 and parses its JSON; never throws.</summary>
internal sealed class TorchPeer
{
    private TorchPeer(string? version, Dictionary<string, Measurement> results, double? blockPeakDeltaMb, string? unavailableReason)
    {
        Version = version;
        Results = results;
        BlockPeakDeltaMb = blockPeakDeltaMb;
        UnavailableReason = unavailableReason;
    }

    public string? Version { get; }

    public Dictionary<string, Measurement> Results { get; }

    public double? BlockPeakDeltaMb { get; }

    public string? UnavailableReason { get; }

    public bool Available => UnavailableReason is null;

    public static TorchPeer Run(string python, int threads, int repeats, TimeSpan timeout)
    {
        var script = FindScript();
        if (script is null)
        {
            return Unavailable("bench/torch/engine_bench.py not found above the working directory or the binary");
        }

        if (!File.Exists(python))
        {
            return Unavailable($"{python} not found (install Debian's python3-torch)");
        }

        try
        {
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add("--threads");
            psi.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
            psi.ArgumentList.Add("--repeats");
            psi.ArgumentList.Add(repeats.ToString(CultureInfo.InvariantCulture));
            psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return Unavailable($"peer timed out after {timeout.TotalSeconds:F0} s");
            }

            if (process.ExitCode != 0)
            {
                var err = stderr.Result.Trim();
                var last = err.Length == 0 ? "no error output" : err.Split('\n')[^1];
                return Unavailable($"python exited with {process.ExitCode}: {last}");
            }

            return Parse(stdout.Result);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException or JsonException or KeyNotFoundException)
        {
            return Unavailable($"{e.GetType().Name}: {e.Message}");
        }
    }

    private static TorchPeer Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var results = new Dictionary<string, Measurement>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("results").EnumerateObject())
        {
            results[p.Name] = new Measurement(p.Value.GetProperty("median_ms").GetDouble(), p.Value.GetProperty("runs").GetInt32());
        }

        return new TorchPeer(root.GetProperty("peer").GetString(), results, root.GetProperty("block_peak_rss_delta_mb").GetDouble(), null);
    }

    private static TorchPeer Unavailable(string reason) => new(null, new(StringComparer.Ordinal), null, reason);

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "torch", "engine_bench.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
