using System.Globalization;

namespace Polypose.Tensors.Tests.Kernels;

/// <summary>Seeded data and a combined absolute/relative tolerance check for kernel tests.</summary>
internal static class KernelAssert
{
    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (float)((rng.NextDouble() * 2) - 1) * scale;
        }

        return data;
    }

    /// <summary>Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise, reporting the first failure.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double atol = 1e-4, double rtol = 1e-4)
    {
        Assert.True(actual.Length >= expected.Length, $"length {actual.Length} < {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs(actual[i] - expected[i]);
            if (!(diff <= atol + (rtol * Math.Abs(expected[i]))))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"element {i}: expected {expected[i]}, got {actual[i]} (diff {diff})"));
            }
        }
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol = 1e-4, double rtol = 1e-4)
    {
        var e = new double[expected.Length];
        for (var i = 0; i < e.Length; i++)
        {
            e[i] = expected[i];
        }

        Close(e, actual, atol, rtol);
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += (double)a[i] * b[i];
        }

        return s;
    }
}
