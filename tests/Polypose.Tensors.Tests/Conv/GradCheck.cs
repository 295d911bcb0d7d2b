using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

/// <summary>
/// Central finite-difference gradient check for ops on float32 tensors: L = Σ f(x)·r with a seeded random r,
/// analytic ∂L/∂xᵢ from <see cref="Tensor.Backward"/> against (L(x + ε) − L(x − ε)) / 2ε accumulated in double.
/// </summary>
internal static class GradCheck
{
    public static void Run(Func<Tensor[], Tensor> f, float[][] data, int[][] shapes, int seed, float eps = 1e-2f, double atol = 2e-3, double rtol = 2e-2, int stride = 1)
    {
        // Analytic gradients.
        var inputs = new Tensor[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            inputs[i] = Tensor.FromArray(data[i], shapes[i]).SetRequiresGrad();
        }

        var y = f(inputs);
        var r = KernelAssert.Random(y.NumEl, seed);
        (y * Tensor.FromArray(r, y.Shape)).Sum().Backward();

        double Loss(int which, int index, float delta)
        {
            var xs = new Tensor[data.Length];
            for (var i = 0; i < data.Length; i++)
            {
                var d = (float[])data[i].Clone();
                if (i == which)
                {
                    d[index] += delta;
                }

                xs[i] = Tensor.FromArray(d, shapes[i]);
            }

            return KernelAssert.Dot(f(xs).ToArray(), r);
        }

        for (var i = 0; i < data.Length; i++)
        {
            Assert.NotNull(inputs[i].Grad);
            var analytic = inputs[i].Grad!.ToArray();
            Assert.Equal(data[i].Length, analytic.Length);
            for (var j = 0; j < data[i].Length; j += stride)
            {
                var fd = (Loss(i, j, eps) - Loss(i, j, -eps)) / (2 * eps);
                Assert.True(
                    Math.Abs(fd - analytic[j]) <= atol + (rtol * Math.Abs(fd)),
                    $"input {i} element {j}: finite difference {fd}, analytic {analytic[j]}");
            }
        }
    }
}
