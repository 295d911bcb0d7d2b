using System.Globalization;
using System.Text;

namespace Polypose.Tensors.Tests;

/// <summary>
/// The finite-difference gradient checker of the Tensors tests, for float32 and float64 ops: L = Σ f(x)·r with a
/// seeded random r of f's dtype; the analytic gradient from <see cref="Tensor.Backward"/> is compared element by
/// element with central differences (L(x + ε) − L(x − ε)) / 2ε, L accumulated in double. A pair passes when
/// |analytic − numeric| ≤ atol + rtol·|numeric|. <see cref="Check(Func{Tensor[], Tensor}, Tensor[])"/> has float32
/// tolerances, <see cref="Check64"/> float64 ones (about five orders of magnitude tighter).
/// </summary>
internal static class GradCheck
{
    /// <summary>Random float32 test input [shape] ~ N(0, 1), seeded.</summary>
    public static Tensor Input(ulong seed, params int[] shape) => Tensor.Randn(new Generator(seed), shape);

    /// <summary>Random float64 test input [shape] ~ N(0, 1), seeded (the float32 normals, widened).</summary>
    public static Tensor Input64(ulong seed, params int[] shape) => Input(seed, shape).To(DType.Float64);

    /// <summary>Random positive float32 input in [0.5, 2).</summary>
    public static Tensor Positive(ulong seed, params int[] shape) => Tensor.Uniform(new Generator(seed), shape, 0.5f, 2f);

    /// <summary>Random positive float64 input in [0.5, 2).</summary>
    public static Tensor Positive64(ulong seed, params int[] shape) => Positive(seed, shape).To(DType.Float64);

    /// <summary>Random float32 input kept at least 0.05 away from the kinks -1, 0 and 1.</summary>
    public static Tensor AwayFromKinks(ulong seed, params int[] shape)
    {
        var t = Tensor.Uniform(new Generator(seed), shape, -2f, 2f);
        var s = t.AsSpan();
        for (var i = 0; i < s.Length; i++)
        {
            foreach (var k in new[] { -1f, 0f, 1f })
            {
                if (MathF.Abs(s[i] - k) < 0.05f)
                {
                    s[i] = k + 0.1f;
                }
            }
        }

        return t;
    }

    /// <summary>Random float64 input kept at least 0.05 away from the kinks -1, 0 and 1.</summary>
    public static Tensor AwayFromKinks64(ulong seed, params int[] shape) => AwayFromKinks(seed, shape).To(DType.Float64);

    /// <summary>Float32 check with float32 tolerances (ε = 1e-2, atol = 5e-3, rtol = 2e-2).</summary>
    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, inputs, 1e-2, 5e-3, 2e-2);

    /// <summary>Float64 check with float64 tolerances (ε = 1e-6, atol = 1e-8, rtol = 1e-6).</summary>
    public static void Check64(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, inputs, 1e-6, 1e-8, 1e-6);

    /// <summary>Checks f on float32 inputs built from <paramref name="data"/> and <paramref name="shapes"/>.</summary>
    public static void Run(Func<Tensor[], Tensor> f, float[][] data, int[][] shapes, int seed, float eps = 1e-2f, double atol = 2e-3, double rtol = 2e-2, int stride = 1)
    {
        var inputs = new Tensor[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            inputs[i] = Tensor.FromArray(data[i], shapes[i]);
        }

        Check(f, inputs, eps, atol, rtol, (ulong)seed, stride);
    }

    /// <summary>The general form: every <paramref name="stride"/>-th element of every input is perturbed by ±ε.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol, ulong seed = 99, int stride = 1)
    {
        foreach (var x in inputs)
        {
            x.Grad = null;
            x.RequiresGrad = true;
        }

        var y = f(inputs);
        var r = Tensor.Randn(new Generator(seed), y.Shape).To(y.DType);
        var rv = r.ToFloat64Array();
        y.Mul(r).Sum().Backward();

        double Loss()
        {
            using (Tensor.NoGrad())
            {
                var v = f(inputs).ToFloat64Array();
                double s = 0;
                for (var k = 0; k < v.Length; k++)
                {
                    s += v[k] * rv[k];
                }

                return s;
            }
        }

        var failures = new StringBuilder();
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            Assert.True(x.Grad is null || x.Grad.DType == x.DType, $"input {i}: gradient dtype {x.Grad?.DType} differs from {x.DType}");
            var analytic = x.Grad?.ToFloat64Array() ?? new double[x.NumEl];
            for (var j = 0; j < x.NumEl; j += stride)
            {
                var orig = Get(x, j);
                Set(x, j, orig + eps);
                var lp = Loss();
                Set(x, j, orig - eps);
                var lm = Loss();
                Set(x, j, orig);
                var numeric = (lp - lm) / (2 * eps);
                var err = Math.Abs(analytic[j] - numeric);
                if (!(err <= atol + (rtol * Math.Abs(numeric))))
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"input {i} element {j}: analytic {analytic[j]:G10} numeric {numeric:G10}");
                }
            }
        }

        Assert.True(failures.Length == 0, "gradient mismatch:\n" + failures);
    }

    private static double Get(Tensor x, int j) => x.DType == DType.Float64 ? x.AsFloat64Span()[j] : x.AsSpan()[j];

    private static void Set(Tensor x, int j, double value)
    {
        if (x.DType == DType.Float64)
        {
            x.AsFloat64Span()[j] = value;
        }
        else
        {
            x.AsSpan()[j] = (float)value;
        }
    }
}
