namespace Polypose.Learning.Attention;

/// <summary>
/// The sampling steps of <see cref="ProjectiveDeformableAttention"/> fused for inference (no autograd, plain loops over
/// the few sampled points): bilinear sampling exactly as the engine's <c>GridSample</c> (align_corners false, zero
/// padding, corner weights in double), of the raw C-channel features at the reference points, and — all heads at
/// once — the softmax of the attention logits over the (level, point) pairs of each head and the weighted sums of
/// the samples and of their in-image bilinear mass. The results equal the tensor path's up to float rounding.
/// Layouts (row-major): features <c>[B, C, H, W]</c> per level, grid coordinates (x, y) in [−1, 1].
/// </summary>
internal static class FusedDeformableSampling
{
    /// <summary>
    /// Samples <paramref name="features"/> <c>[B, C, H, W]</c> at one normalised point (gx, gy) of batch item
    /// <paramref name="batch"/>, adding <paramref name="weight"/> × the C samples into <paramref name="sum"/> and
    /// returning the in-image bilinear mass (the sample of an all-ones image).
    /// </summary>
    public static float SampleInto(ReadOnlySpan<float> features, int batch, int channels, int h, int w, float gx, float gy, float weight, Span<float> sum)
    {
        if (!float.IsFinite(gx) || !float.IsFinite(gy))
        {
            return 0f;
        }

        // As GridSampleKernel/BilinearTap: u = ((g + 1)·size − 1)/2, clamped, floor, fractional parts in double.
        var ux = Math.Clamp((((gx + 1.0) * w) - 1.0) / 2.0, -2.0, w + 1.0);
        var uy = Math.Clamp((((gy + 1.0) * h) - 1.0) / 2.0, -2.0, h + 1.0);
        double fx0 = Math.Floor(ux), fy0 = Math.Floor(uy);
        int x0 = (int)fx0, y0 = (int)fy0;
        double fx = ux - fx0, fy = uy - fy0;
        bool in00 = (uint)x0 < (uint)w && (uint)y0 < (uint)h, in10 = (uint)(x0 + 1) < (uint)w && (uint)y0 < (uint)h;
        bool in01 = (uint)x0 < (uint)w && (uint)(y0 + 1) < (uint)h, in11 = (uint)(x0 + 1) < (uint)w && (uint)(y0 + 1) < (uint)h;
        int hw = h * w, base0 = batch * channels * hw, i00 = (y0 * w) + x0;
        for (var c = 0; c < channels; c++)
        {
            var plane = base0 + (c * hw);
            double v00 = in00 ? features[plane + i00] : 0f, v10 = in10 ? features[plane + i00 + 1] : 0f;
            double v01 = in01 ? features[plane + i00 + w] : 0f, v11 = in11 ? features[plane + i00 + w + 1] : 0f;
            var sample = (float)((((1 - fx) * v00) + (fx * v10)) * (1 - fy) + ((((1 - fx) * v01) + (fx * v11)) * fy));
            sum[c] += sample * weight;
        }

        double o00 = in00 ? 1f : 0f, o10 = in10 ? 1f : 0f, o01 = in01 ? 1f : 0f, o11 = in11 ? 1f : 0f;
        return (float)((((1 - fx) * o00) + (fx * o10)) * (1 - fy) + ((((1 - fx) * o01) + (fx * o11)) * fy));
    }
}
