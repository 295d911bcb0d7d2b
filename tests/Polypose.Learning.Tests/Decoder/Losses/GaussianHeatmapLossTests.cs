using Polypose.Learning.Decoder.Losses;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder.Losses;

/// <summary>
/// The one-sided Gaussian "heatmap" loss (dispose.md 5.2): hand-computed values, agreement of the windowed evaluation
/// with the full-canvas definition, and its gradient against finite differences of the full-canvas definition.
/// </summary>
public sealed class GaussianHeatmapLossTests
{
    [Fact]
    public void APredictionOnItsTargetCostsNothing()
    {
        var p = Tensor.FromArray([10.3f, 7.6f], 1, 2);
        Assert.Equal(0f, GaussianHeatmapLoss.Compute(p, p, Tensor.FromArray([1f], 1), 40, 40).Item());
    }

    [Fact]
    public void AFarPredictionCostsTheWholeTargetGaussianSquared()
    {
        // Target at pixel (20, 20) of a 40×40 canvas, prediction far away (P ≈ 0 near the target): the loss is
        // w·Σ (w·G)² / (w·W·H) = w²·Σ_x,y exp(−(x² + y²)/σ²) / 1600. With σ = 2 the sum is (Σ_k exp(−k²/4))², and by
        // the Poisson summation formula Σ_k exp(−k²/4) = 2√π·(1 + 2e^(−4π²) + …) = 2√π to 1e-17: the sum is 4π.
        // (The canvas cuts the Gaussian at 10 px = 5σ, which removes less than e^(−25).)
        var target = Tensor.FromArray([20f, 20f], 1, 2);
        var far = Tensor.FromArray([300f, -200f], 1, 2);
        Assert.Equal(4 * Math.PI / 1600, GaussianHeatmapLoss.Compute(far, target, Tensor.FromArray([1f], 1), 40, 40).Item(), 8);
        Assert.Equal(0.25 * 4 * Math.PI / 1600, GaussianHeatmapLoss.Compute(far, target, Tensor.FromArray([0.5f], 1), 40, 40).Item(), 8);

        // Two points, one with weight 0: that one adds nothing to the numerator and nothing to Σw.
        var two = GaussianHeatmapLoss.Compute(
            Tensor.FromArray([300f, -200f, 5f, 5f], 2, 2), Tensor.FromArray([20f, 20f, 30f, 30f], 2, 2), Tensor.FromArray([1f, 0f], 2), 40, 40);
        Assert.Equal(4 * Math.PI / 1600, two.Item(), 8);
    }

    [Fact]
    public void ItIsOneSided()
    {
        // A prediction brighter than a half-weight target where they overlap is not penalised there: with the same
        // centre, T = 0.5·G < P = G everywhere, so the loss is 0.
        var p = Tensor.FromArray([12f, 9f], 1, 2);
        Assert.Equal(0f, GaussianHeatmapLoss.Compute(p, p, Tensor.FromArray([0.5f], 1), 30, 20).Item());
    }

    [Fact]
    public void TheWindowEqualsTheFullCanvasIncludingEdgesAndOffCanvasPoints()
    {
        var random = new Random(5);
        const int width = 60, height = 32, m = 40;
        var predicted = new float[2 * m];
        var target = new float[2 * m];
        var weight = new float[m];
        for (var i = 0; i < m; i++)
        {
            // Targets spread past the canvas edges (down to −10 and up to size + 10); predictions near their targets.
            target[2 * i] = (float)((random.NextDouble() * (width + 20)) - 10);
            target[(2 * i) + 1] = (float)((random.NextDouble() * (height + 20)) - 10);
            predicted[2 * i] = target[2 * i] + (float)((random.NextDouble() * 8) - 4);
            predicted[(2 * i) + 1] = target[(2 * i) + 1] + (float)((random.NextDouble() * 8) - 4);
            weight[i] = i % 7 == 0 ? 0f : (float)random.NextDouble();
        }

        var windowed = GaussianHeatmapLoss.Compute(Tensor.FromArray(predicted, m, 2), Tensor.FromArray(target, m, 2), Tensor.FromArray(weight, m), width, height).Item();
        var full = GaussianHeatmapLoss.FullCanvas(predicted, target, weight, width, height);
        Assert.True(full > 1e-4, $"the case must not be trivial ({full})");
        Assert.True(Math.Abs(windowed - full) <= 1e-6 * full, $"windowed {windowed:R} vs full canvas {full:R}");
    }

    [Fact]
    public void TheGradientMatchesFiniteDifferencesOfTheFullCanvasDefinition()
    {
        const int width = 24, height = 16;
        float[] target = [8.4f, 6.2f, 23.5f, 3.1f, 12f, 12f];
        float[] predicted = [9.9f, 5.1f, 21.7f, 4.3f, 12.8f, 10.4f];
        float[] weight = [0.9f, 0.6f, 0.75f];
        var p = Tensor.FromArray(predicted, 3, 2).SetRequiresGrad();
        var loss = GaussianHeatmapLoss.Compute(p, Tensor.FromArray(target, 3, 2), Tensor.FromArray(weight, 3), width, height);
        (loss * 3f).Backward();
        var analytic = p.Grad!.ToArray();
        const double h = 1e-3;
        for (var i = 0; i < predicted.Length; i++)
        {
            var plus = (float[])predicted.Clone();
            var minus = (float[])predicted.Clone();
            plus[i] += (float)h;
            minus[i] -= (float)h;
            var step = plus[i] - (double)minus[i];
            var numeric = 3 * (GaussianHeatmapLoss.FullCanvas(plus, target, weight, width, height) - GaussianHeatmapLoss.FullCanvas(minus, target, weight, width, height)) / step;
            Assert.True(Math.Abs(numeric) > 1e-7, $"coordinate {i}: the case must have a gradient");
            Assert.True(Math.Abs(analytic[i] - numeric) <= 1e-3 * Math.Abs(numeric) + 1e-9, $"coordinate {i}: analytic {analytic[i]:E4} vs finite difference {numeric:E4}");
        }
    }
}
