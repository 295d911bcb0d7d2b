using Polypose.Tensors;
using Polypose.Tensors.Autograd;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// RefinedPseudoRegressionL2Loss, the one-sided "heatmap" loss (dispose.md 5.2). For each of M points (one per sample,
/// view, person slot and joint) an unnormalised Gaussian G_c(x, y) = exp(−((x − c_x)² + (y − c_y)²) / (2σ²)) (peak 1)
/// is rendered on a W×H canvas of pixels (x, y) ∈ {0..W−1}×{0..H−1} (canvas px) at the target, scaled by its weight
/// (T = w·G_t), and at the prediction (P = G_p, differentiable in p); the loss is Σ_m w_m·Σ_pixels relu(T_m − P_m)² /
/// (Σ_m w_m·H·W), 0 when Σw = 0. Points whose Gaussian falls off the canvas still count in Σw (the reference's
/// behaviour, quirk 11.12 for its fixed canvas).
/// <para>
/// Cost: relu(T − P) ≤ T, so only pixels within <see cref="WindowSigmas"/>·σ of the target contribute; they are the only
/// ones visited (a (2·5σ + 1)² window instead of W·H per point, with separable 1-D factors). Each pixel left out holds
/// T ≤ w·e^(−12.5), so its term is below e^(−25) ≈ 1.4e-11 of the target's peak term w³: the value equals the
/// full-canvas definition to float precision, as do the gradients (bounded by T in the same way). Accumulates in
/// double.
/// </para>
/// </summary>
public static class GaussianHeatmapLoss
{
    /// <summary>The window half-width, in σ, around each target.</summary>
    public const double WindowSigmas = 5;

    /// <summary>
    /// The loss (a scalar, differentiable in <paramref name="predicted"/>). <paramref name="predicted"/> and
    /// <paramref name="target"/> <c>[M, 2]</c> canvas px (x, y); <paramref name="weight"/> <c>[M]</c>; canvas
    /// <paramref name="width"/>×<paramref name="height"/> px; <paramref name="sigma"/> in canvas px (reference 2).
    /// </summary>
    public static Tensor Compute(Tensor predicted, Tensor target, Tensor weight, int width, int height, double sigma = 2)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        var m = weight.NumEl;
        if (predicted.NDim != 2 || predicted.Shape[0] != m || predicted.Shape[1] != 2 || target.NumEl != 2 * m)
        {
            throw new ArgumentException($"expected predicted and target [M, 2] and weight [M]; got [{string.Join(", ", predicted.Shape)}], {target.NumEl} and {m} values");
        }

        return new OneSidedGaussian(width, height, sigma).Apply(predicted, target.Contiguous(), weight.Contiguous());
    }

    /// <summary>Evaluates the loss on the whole canvas, pixel by pixel, in double (for tests; O(M·W·H)).</summary>
    public static double FullCanvas(ReadOnlySpan<float> predicted, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, int width, int height, double sigma = 2)
    {
        double sum = 0, total = 0, k = 1.0 / (2 * sigma * sigma);
        for (var i = 0; i < weight.Length; i++)
        {
            double w = weight[i], px = predicted[2 * i], py = predicted[(2 * i) + 1], tx = target[2 * i], ty = target[(2 * i) + 1];
            total += w;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var t = w * Math.Exp(-(((x - tx) * (x - tx)) + ((y - ty) * (y - ty))) * k);
                    var p = Math.Exp(-(((x - px) * (x - px)) + ((y - py) * (y - py))) * k);
                    var r = Math.Max(t - p, 0);
                    sum += w * r * r;
                }
            }
        }

        return total > 0 ? sum / (total * width * height) : 0;
    }

    private sealed class OneSidedGaussian(int width, int height, double sigma) : Function
    {
        private double[] _grad = [];
        private double _denominator;

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var p = inputs[0].Contiguous().ToArray();
            var t = inputs[1].ToArray();
            var w = inputs[2].ToArray();
            var k = 1.0 / (2 * sigma * sigma);
            var radius = WindowSigmas * sigma;
            _grad = new double[p.Length];
            var span = (2 * (int)Math.Ceiling(radius)) + 2;
            var factors = new double[4 * span];
            var tX = factors.AsSpan(0, span);
            var pX = factors.AsSpan(span, span);
            var tY = factors.AsSpan(2 * span, span);
            var pY = factors.AsSpan(3 * span, span);
            double sum = 0, total = 0;
            for (var i = 0; i < w.Length; i++)
            {
                double wi = w[i];
                total += wi;
                if (!(wi > 0))
                {
                    continue;
                }

                double px = p[2 * i], py = p[(2 * i) + 1], tx = t[2 * i], ty = t[(2 * i) + 1];
                int x0 = Math.Max(0, (int)Math.Ceiling(tx - radius)), x1 = Math.Min(width - 1, (int)Math.Floor(tx + radius));
                int y0 = Math.Max(0, (int)Math.Ceiling(ty - radius)), y1 = Math.Min(height - 1, (int)Math.Floor(ty + radius));
                if (x0 > x1 || y0 > y1)
                {
                    continue;
                }

                // Both Gaussians are separable: exp(−(dx² + dy²)k) = e(dx)·e(dy), so each pixel costs a few products.
                int nx = x1 - x0 + 1, ny = y1 - y0 + 1;
                for (var x = 0; x < nx; x++)
                {
                    double dt = x0 + x - tx, dp = x0 + x - px;
                    tX[x] = wi * Math.Exp(-dt * dt * k);
                    pX[x] = Math.Exp(-dp * dp * k);
                }

                for (var y = 0; y < ny; y++)
                {
                    double dt = y0 + y - ty, dp = y0 + y - py;
                    tY[y] = Math.Exp(-dt * dt * k);
                    pY[y] = Math.Exp(-dp * dp * k);
                }

                double gx = 0, gy = 0;
                for (var y = 0; y < ny; y++)
                {
                    double ty1 = tY[y], py1 = pY[y], dpy = y0 + y - py;
                    for (var x = 0; x < nx; x++)
                    {
                        var pred = pX[x] * py1;
                        var r = (tX[x] * ty1) - pred;
                        if (r > 0)
                        {
                            sum += wi * r * r;

                            // d/dp of r² = −2r·∂P/∂p, ∂P/∂p = P·(pixel − p)/σ² = 2k·P·(pixel − p).
                            var g = -4 * k * wi * r * pred;
                            gx += g * (x0 + x - px);
                            gy += g * dpy;
                        }
                    }
                }

                _grad[2 * i] = gx;
                _grad[(2 * i) + 1] = gy;
            }

            _denominator = total * width * height;
            return [Tensor.Scalar(_denominator > 0 ? (float)(sum / _denominator) : 0f)];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            if (!NeedsInputGrad(0))
            {
                return [null, null, null];
            }

            var scale = _denominator > 0 ? gradOutputs[0].Item() / _denominator : 0;
            var g = new float[_grad.Length];
            for (var i = 0; i < g.Length; i++)
            {
                g[i] = (float)(_grad[i] * scale);
            }

            return [Tensor.FromArray(g, _grad.Length / 2, 2), null, null];
        }
    }
}
