using System.Globalization;
using System.Text;

namespace Polypose.Tensors.Tests.Autograd;

/// <summary>
/// Finite-difference gradient checker: L = Σ f(x)·r with seeded random r; the analytic gradient from Backward() is
/// compared with central differences (L(x+ε) − L(x−ε)) / 2ε where L is accumulated in double. Tolerances suit float32.
/// </summary>
internal static class GradCheck
{
    /// <summary>Random test input [shape] ~ N(0, 1), seeded.</summary>
    public static Tensor Input(ulong seed, params int[] shape) => Tensor.Randn(new Generator(seed), shape);

    /// <summary>Random positive input in [0.5, 2).</summary>
    public static Tensor Positive(ulong seed, params int[] shape) => Tensor.Uniform(new Generator(seed), shape, 0.5f, 2f);

    /// <summary>Random input kept at least 0.05 away from the kinks -1, 0 and 1.</summary>
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

    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, inputs, 1e-2f, 5e-3, 2e-2);

    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps, double atol, double rtol, ulong seed = 99)
    {
        foreach (var x in inputs)
        {
            x.Grad = null;
            x.RequiresGrad = true;
        }

        var y = f(inputs);
        var r = Tensor.Randn(new Generator(seed), y.Shape);
        var rv = r.ToArray();
        y.Mul(r).Sum().Backward();

        double Loss()
        {
            using (Tensor.NoGrad())
            {
                var v = f(inputs).ToArray();
                double s = 0;
                for (var k = 0; k < v.Length; k++)
                {
                    s += (double)v[k] * rv[k];
                }

                return s;
            }
        }

        var failures = new StringBuilder();
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            var analytic = x.Grad?.ToArray() ?? new float[x.NumEl];
            var data = x.AsSpan();
            for (var j = 0; j < data.Length; j++)
            {
                var orig = data[j];
                data[j] = orig + eps;
                var lp = Loss();
                data = x.AsSpan();
                data[j] = orig - eps;
                var lm = Loss();
                data = x.AsSpan();
                data[j] = orig;
                var numeric = (lp - lm) / (2 * eps);
                var err = Math.Abs(analytic[j] - numeric);
                if (err > atol + (rtol * Math.Max(Math.Abs(numeric), Math.Abs(analytic[j]))))
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"input {i} element {j}: analytic {analytic[j]:G6} numeric {numeric:G6}");
                }
            }
        }

        Assert.True(failures.Length == 0, "gradient mismatch:\n" + failures);
    }
}
