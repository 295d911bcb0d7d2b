using Polypose.Tensors.Kernels;
using Polypose.Tensors.Nn;

namespace Polypose.Tensors.Tests.Ops;

/// <summary>The fused/vectorised kernels (GELU, Linear, LayerNorm, softmax backward) against scalar or composite references.</summary>
[Trait("Stage", "Tensors")]
public sealed class FusedKernelTests
{
    [Fact]
    public void GeluKernel_ForwardAndBackward_MatchDoubleReference()
    {
        // Arrange: odd length (vector body + scalar tail), values over [-4, 4] (where the double series is exact).
        const int N = 1003;
        var x = new float[N];
        var g = new float[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = -4f + (8f * i / (N - 1));
            g[i] = 1f + (0.001f * i);
        }

        var y = new float[N];
        var dx = new float[N];

        // Act
        GeluKernel.Forward(x, y);
        GeluKernel.Backward(x, g, dx);

        // Assert: y = x·Φ(x), y' = Φ(x) + x·φ(x) with Φ from a 200-term erf series (|x| ≤ 4/√2).
        for (var i = 0; i < N; i++)
        {
            double v = x[i];
            var cdf = 0.5 * (1 + ErfSeries(v / Math.Sqrt(2)));
            var pdf = Math.Exp(-0.5 * v * v) / Math.Sqrt(2 * Math.PI);
            Assert.True(Math.Abs(y[i] - (v * cdf)) <= 1e-6 * (1 + Math.Abs(v)), $"gelu({v}) = {y[i]}, expected {v * cdf}");
            var expected = g[i] * (cdf + (v * pdf));
            Assert.True(Math.Abs(dx[i] - expected) <= 2e-6 * (1 + Math.Abs(expected)), $"gelu'({v}) = {dx[i]}, expected {expected}");
        }

        // Far tails: GELU(x) → x and → 0, derivative → 1 and → 0.
        float[] tails = [-30f, -10f, 10f, 30f, 0f, 0f, 0f, 0f, 0f];
        var ty = new float[tails.Length];
        var tdx = new float[tails.Length];
        GeluKernel.Forward(tails, ty);
        GeluKernel.Backward(tails, Enumerable.Repeat(1f, tails.Length).ToArray(), tdx);
        Assert.Equal([0f, 0f, 10f, 30f], ty[..4].Select(v => MathF.Abs(v) < 1e-6f ? 0f : v).ToArray());
        Assert.Equal([0f, 0f, 1f, 1f], tdx[..4].Select(v => MathF.Abs(v) < 1e-6f ? 0f : v).ToArray());
    }

    [Fact]
    public void FunctionalLinear_FusedPath_MatchesMatmulPlusBiasWithGradients()
    {
        // Arrange
        var x = Tensor.Randn(new Generator(11), 2, 5, 7).SetRequiresGrad();
        var w = Tensor.Randn(new Generator(12), 9, 7).SetRequiresGrad();
        var b = Tensor.Randn(new Generator(13), 9).SetRequiresGrad();
        var r = Tensor.Randn(new Generator(14), 2, 5, 9);
        var x2 = x.Detach().Clone().SetRequiresGrad();
        var w2 = w.Detach().Clone().SetRequiresGrad();
        var b2 = b.Detach().Clone().SetRequiresGrad();

        // Act
        var fused = Functional.Linear(x, w, b);
        fused.Mul(r).Sum().Backward();
        var composite = x2.Matmul(w2.MT).Add(b2);
        composite.Mul(r).Sum().Backward();

        // Assert
        Assert.Equal("Linear", fused.GradFnName);
        AssertClose(composite.ToArray(), fused.ToArray());
        AssertClose(x2.Grad!.ToArray(), x.Grad!.ToArray());
        AssertClose(w2.Grad!.ToArray(), w.Grad!.ToArray());
        AssertClose(b2.Grad!.ToArray(), b.Grad!.ToArray());
    }

    [Fact]
    public void FunctionalLayerNorm_FusedPath_MatchesCompositeFormulaWithGradients()
    {
        // Arrange: rows of 33 elements with an offset, affine parameters.
        var x = Tensor.Randn(new Generator(21), 4, 6, 33).Add(3f).Detach().SetRequiresGrad();
        var w = Tensor.Randn(new Generator(22), 33).SetRequiresGrad();
        var b = Tensor.Randn(new Generator(23), 33).SetRequiresGrad();
        var r = Tensor.Randn(new Generator(24), 4, 6, 33);
        var x2 = x.Detach().Clone().SetRequiresGrad();
        var w2 = w.Detach().Clone().SetRequiresGrad();
        var b2 = b.Detach().Clone().SetRequiresGrad();

        // Act
        var fused = Functional.LayerNorm(x, [33], w, b);
        fused.Mul(r).Sum().Backward();
        var mean = x2.Mean([-1], keepDim: true);
        var centered = x2.Sub(mean);
        var variance = centered.Mul(centered).Mean([-1], keepDim: true);
        var composite = centered.Mul(variance.Add(1e-5f).Rsqrt()).Mul(w2).Add(b2);
        composite.Mul(r).Sum().Backward();

        // Assert
        Assert.Equal("LayerNorm", fused.GradFnName);
        AssertClose(composite.ToArray(), fused.ToArray());
        AssertClose(x2.Grad!.ToArray(), x.Grad!.ToArray());
        AssertClose(w2.Grad!.ToArray(), w.Grad!.ToArray());
        AssertClose(b2.Grad!.ToArray(), b.Grad!.ToArray());
    }

    [Fact]
    public void SoftmaxBackward_LastDim_MatchesJacobianProduct()
    {
        // Arrange
        var x = Tensor.Randn(new Generator(31), 3, 17).SetRequiresGrad();
        var r = Tensor.Randn(new Generator(32), 3, 17);

        // Act
        var y = x.Softmax(-1);
        y.Mul(r).Sum().Backward();

        // Assert: dx_i = y_i (r_i − Σ_j r_j y_j) per row, in double.
        var ys = y.ToArray();
        var rs = r.ToArray();
        var expected = new float[ys.Length];
        for (var row = 0; row < 3; row++)
        {
            double dot = 0;
            for (var j = 0; j < 17; j++)
            {
                dot += rs[(row * 17) + j] * (double)ys[(row * 17) + j];
            }

            for (var j = 0; j < 17; j++)
            {
                expected[(row * 17) + j] = (float)(ys[(row * 17) + j] * (rs[(row * 17) + j] - dot));
            }
        }

        AssertClose(expected, x.Grad!.ToArray());
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static double ErfSeries(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
