using System.Diagnostics;
using System.Text.Json;

namespace Polypose.Benchmarks.Detect;

/// <summary>
/// Runs bench/tfjs/movenet.mjs (TF.js 4.22, wasm backend, one thread) under node on a folder of raw RGB inputs and
/// reads back each input's network output and run times. Installs bench/tfjs's locked npm packages on first use.
/// </summary>
internal static class TfjsPeer
{
    public sealed record Result(string Name, int Width, int Height, float[] Output, double[] Milliseconds, double[] CpuMilliseconds);

    public sealed record Run(string Version, string Backend, IReadOnlyList<Result> Results);

    public static Run Execute(string repoRoot, string modelJson, string inputDir, int repeat, string node = "node")
    {
        var dir = Path.Combine(repoRoot, "bench", "tfjs");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@tensorflow", "tfjs-backend-wasm")))
        {
            Console.Error.WriteLine("installing bench/tfjs's npm packages (npm ci)...");
            Exec("npm", dir, "ci", "--no-audit", "--no-fund");
        }

        var output = Path.Combine(inputDir, "tfjs-output.json");
        Exec(node, dir, "movenet.mjs", "--model", modelJson, "--inputs", inputDir, "--out", output, "--repeat", repeat.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(output));
        var root = doc.RootElement;
        var results = root.GetProperty("results").EnumerateArray().Select(r => new Result(
            r.GetProperty("name").GetString()!,
            r.GetProperty("width").GetInt32(),
            r.GetProperty("height").GetInt32(),
            [.. r.GetProperty("output").EnumerateArray().Select(v => v.GetSingle())],
            [.. r.GetProperty("ms").EnumerateArray().Select(v => v.GetDouble())],
            r.TryGetProperty("cpu_ms", out var cpu) ? [.. cpu.EnumerateArray().Select(v => v.GetDouble())] : [])).ToList();
        return new Run(root.GetProperty("tfjs").GetString()!, root.GetProperty("backend").GetString()!, results);
    }

    private static void Exec(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"'{file}' was not found: install Node.js and npm (Debian: apt-get install nodejs npm) for the TF.js peer");
        }

        using (process)
        {
            var err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed (exit {process.ExitCode}): {err.Trim()}");
            }
        }
    }
}
