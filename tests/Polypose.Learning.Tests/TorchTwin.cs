using System.Diagnostics;
using Polypose.Tensors;
using Polypose.Testing;

namespace Polypose.Learning.Tests;

/// <summary>
/// What the PyTorch twin tests share (learning.md 5): running a script of bench/torch on safetensors written by the
/// test, and the agreement measure, max |ours − torch| / max |torch| per tensor (the absolute difference where the
/// reference is all zeros).
/// </summary>
internal static class TorchTwin
{
    /// <summary>Runs bench/torch/<paramref name="script"/> <c>--in</c> <paramref name="input"/> <c>--out</c> <paramref name="output"/>; fails the test on a non-zero exit or after 5 minutes.</summary>
    public static void Run(string script, string input, string output)
    {
        var path = Path.Combine(RepoPaths.Root, "bench", "torch", script);
        using var p = Process.Start(new ProcessStartInfo(TorchFactAttribute.Python, [path, "--in", input, "--out", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(300_000), $"{script} did not finish within 5 minutes");
        Assert.True(p.ExitCode == 0, $"{script} exited {p.ExitCode}: {stderr.Result}");
    }

    /// <summary>Max |ours − reference| / max |reference| over all elements (same element count asserted).</summary>
    public static double Relative(Tensor ours, Tensor reference)
    {
        var a = ours.Contiguous().ToArray();
        var b = reference.Contiguous().ToArray();
        Assert.Equal(b.Length, a.Length);
        double diff = 0, scale = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - (double)b[i]));
            scale = Math.Max(scale, Math.Abs((double)b[i]));
        }

        return scale < 1e-12 ? diff : diff / scale;
    }
}
