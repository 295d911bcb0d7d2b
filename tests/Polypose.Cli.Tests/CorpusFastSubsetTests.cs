using System.Diagnostics;
using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// The CI subset (about 50 cases) of the corrupted-input corpus (tests/corpus, docs/corpus.md): generated fresh, run
/// through the real polypose process, every case must end as it expects (no crash, hang, silent acceptance or messy error).
/// </summary>
public sealed class CorpusFastSubsetTests
{
    [PythonFact]
    public void FastCorpusSubset_EveryCaseEndsAsExpected()
    {
        var corpus = Path.Combine(RepoPaths.NewTempDir(), "corpus");
        var polypose = "dotnet " + Path.Combine(AppContext.BaseDirectory, "polypose.dll");
        var script = Path.Combine(RepoPaths.Root, "tests", "corpus");
        var (genCode, genOut) = Python(Path.Combine(script, "generate.py"), "--polypose", polypose, "--out", corpus);
        Assert.True(genCode == 0, "generate.py failed: " + genOut);
        var results = Path.Combine(corpus, "results.json");
        var (runCode, runOut) = Python(Path.Combine(script, "run.py"), "--corpus", corpus, "--polypose", polypose, "--fast", "--jobs", "2", "--json", results);
        using var doc = JsonDocument.Parse(File.ReadAllText(results));
        var cases = doc.RootElement.EnumerateArray().ToList();
        Assert.True(cases.Count >= 40, $"only {cases.Count} fast cases");
        var failing = cases.Where(c => c.GetProperty("verdict").GetString() != "pass")
            .Select(c => $"{c.GetProperty("id").GetString()}: {c.GetProperty("verdict").GetString()} (exit {c.GetProperty("exit")}) {c.GetProperty("stderr").GetString()}")
            .ToList();
        Assert.True(failing.Count == 0 && runCode == 0, string.Join("\n", failing) + "\n" + runOut);
    }

    private static (int Code, string Output) Python(string script, params string[] args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A fact that needs python3 on PATH (the corpus generator and runner); skipped with the reason otherwise.</summary>
internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "python3")));
        if (!found)
        {
            Skip = "needs python3 on PATH to generate and run the corrupted-input corpus (tests/corpus)";
        }
    }
}
