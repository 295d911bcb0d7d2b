using Polypose.Tensors;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// What the PyTorch twin comparisons of <c>bench dispose</c> share: finding a twin script under <c>bench/torch/</c>,
/// the "not run" row, and the agreement measure (max absolute difference over the reference's largest magnitude).
/// </summary>
internal static class TwinScript
{
    /// <summary>The path of <c>bench/torch/<paramref name="fileName"/></c> above the working or program folder, or null.</summary>
    public static string? Find(string fileName)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "torch", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The report of a twin that did not run, printed as "<paramref name="label"/>: not run (reason)" unless JSON.</summary>
    public static Dictionary<string, object?> Unavailable(string label, string reason, bool json)
    {
        if (!json)
        {
            Console.WriteLine($"  {label}: not run ({reason})");
        }

        return new Dictionary<string, object?> { ["unavailable"] = reason };
    }

    /// <summary>Max |ours − reference| over max |reference| (absolute when the reference is ~0); ∞ on a size mismatch.</summary>
    public static double Relative(Tensor ours, Tensor reference)
    {
        var a = ours.To(DType.Float32).Contiguous().ToArray();
        var b = reference.To(DType.Float32).Contiguous().ToArray();
        double diff = 0, scale = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - (double)b[i]));
            scale = Math.Max(scale, Math.Abs((double)b[i]));
        }

        return a.Length != b.Length ? double.PositiveInfinity : scale < 1e-12 ? diff : diff / scale;
    }
}
