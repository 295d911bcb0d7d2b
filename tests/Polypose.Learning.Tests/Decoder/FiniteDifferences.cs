using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>
/// Central finite differences of L = Σ f(x)·r (r seeded N(0, 1), L accumulated in double) against the gradient from
/// <see cref="Tensor.Backward"/>, element by element: |analytic − numeric| ≤ atol + rtol·|numeric|.
/// </summary>
internal static class FiniteDifferences
{
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol, ulong seed = 7)
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
            using var _ = Tensor.NoGrad();
            var v = f(inputs).ToFloat64Array();
            double sum = 0;
            for (var i = 0; i < v.Length; i++)
            {
                sum += v[i] * rv[i];
            }

            return sum;
        }

        for (var k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var analytic = x.Grad!.ToFloat64Array();
            for (var i = 0; i < x.NumEl; i++)
            {
                double numeric;
                if (x.DType == DType.Float64)
                {
                    var span = x.AsFloat64Span();
                    var keep = span[i];
                    span[i] = keep + eps;
                    var plus = Loss();
                    span[i] = keep - eps;
                    var minus = Loss();
                    span[i] = keep;
                    numeric = (plus - minus) / (2 * eps);
                }
                else
                {
                    var span = x.AsSpan();
                    var keep = span[i];
                    span[i] = keep + (float)eps;
                    var plus = Loss();
                    span[i] = keep - (float)eps;
                    var minus = Loss();
                    span[i] = keep;
                    numeric = (plus - minus) / (((double)(keep + (float)eps)) - (keep - (float)eps));
                }

                Assert.True(Math.Abs(analytic[i] - numeric) <= atol + (rtol * Math.Abs(numeric)), $"input {k} element {i}: analytic {analytic[i]:G6}, finite difference {numeric:G6}");
            }
        }
    }
}
