using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Bilinear grid sampling (PyTorch <c>grid_sample</c>, mode "bilinear"): input x [N, C, H, W], grid [N, HO, WO, 2]
/// holding (x, y) in [−1, 1] (−1 is the left/top edge), output y [N, C, HO, WO]. A grid value g maps to the pixel
/// coordinate u = (g + 1)/2·(size − 1) with <c>alignCorners</c>, else u = ((g + 1)·size − 1)/2; the output is the
/// bilinear blend of the four neighbours of (ux, uy). Non-finite grid values give 0 and zero gradient (no NaN leaks).
/// </summary>
internal static class GridSampleKernel
{
    /// <summary>Forward pass.</summary>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="h">H.</param>
    /// <param name="w">W.</param>
    /// <param name="outH">HO.</param>
    /// <param name="outW">WO.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="grid">[N, HO, WO, 2], (x, y) normalised coordinates.</param>
    /// <param name="output">[N, C, HO, WO] (overwritten).</param>
    /// <param name="padding">Out-of-image policy.</param>
    /// <param name="alignCorners">Whether ±1 are the centres (true) or the outer edges (false) of the corner pixels.</param>
    public static void Forward(
        int n, int c, int h, int w, int outH, int outW, ReadOnlySpan<float> input, ReadOnlySpan<float> grid,
        Span<float> output, GridSamplePadding padding, bool alignCorners)
    {
        CheckSizes(n, c, h, w, outH, outW, input.Length, grid.Length, output.Length, nameof(output));
        int hw = h * w, ohw = outH * outW;
        for (var b = 0; b < n; b++)
        {
            for (var o = 0; o < ohw; o++)
            {
                var gi = ((b * ohw) + o) * 2;
                var valid = Corners(grid[gi], grid[gi + 1], h, w, padding, alignCorners, out var s);
                for (var ch = 0; ch < c; ch++)
                {
                    var plane = input.Slice(((b * c) + ch) * hw, hw);
                    output[(((b * c) + ch) * ohw) + o] = valid ? s.Sample(plane, w) : 0f;
                }
            }
        }
    }

    /// <summary>Backward pass: gradients wrt the input (scatter of the bilinear weights) and the grid.</summary>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="h">H.</param>
    /// <param name="w">W.</param>
    /// <param name="outH">HO.</param>
    /// <param name="outW">WO.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="grid">[N, HO, WO, 2].</param>
    /// <param name="gradOutput">dy, [N, C, HO, WO].</param>
    /// <param name="gradInput">dx, [N, C, H, W] (overwritten), or empty to skip.</param>
    /// <param name="gradGrid">d grid, [N, HO, WO, 2] (overwritten), or empty to skip.</param>
    /// <param name="padding">Out-of-image policy.</param>
    /// <param name="alignCorners">As in the forward pass.</param>
    public static void Backward(
        int n, int c, int h, int w, int outH, int outW, ReadOnlySpan<float> input, ReadOnlySpan<float> grid,
        ReadOnlySpan<float> gradOutput, Span<float> gradInput, Span<float> gradGrid, GridSamplePadding padding, bool alignCorners)
    {
        CheckSizes(n, c, h, w, outH, outW, input.Length, grid.Length, gradOutput.Length, nameof(gradOutput));
        int hw = h * w, ohw = outH * outW;
        var wantInput = !gradInput.IsEmpty;
        var wantGrid = !gradGrid.IsEmpty;
        if (wantInput)
        {
            SpanChecks.AtLeast(gradInput.Length, n * c * hw, nameof(gradInput));
            gradInput[..(n * c * hw)].Clear();
        }

        if (wantGrid)
        {
            SpanChecks.AtLeast(gradGrid.Length, n * ohw * 2, nameof(gradGrid));
        }

        for (var b = 0; b < n; b++)
        {
            for (var o = 0; o < ohw; o++)
            {
                var gi = ((b * ohw) + o) * 2;
                var valid = Corners(grid[gi], grid[gi + 1], h, w, padding, alignCorners, out var s);
                float gx = 0f, gy = 0f;
                if (valid)
                {
                    for (var ch = 0; ch < c; ch++)
                    {
                        var dy = gradOutput[(((b * c) + ch) * ohw) + o];
                        if (wantInput)
                        {
                            s.Scatter(gradInput.Slice(((b * c) + ch) * hw, hw), w, dy);
                        }

                        if (wantGrid)
                        {
                            s.CoordinateGradient(input.Slice(((b * c) + ch) * hw, hw), w, dy, ref gx, ref gy);
                        }
                    }
                }

                if (wantGrid)
                {
                    gradGrid[gi] = gx * s.ScaleX;
                    gradGrid[gi + 1] = gy * s.ScaleY;
                }
            }
        }
    }

    private static bool Corners(float gx, float gy, int h, int w, GridSamplePadding padding, bool alignCorners, out BilinearTap tap)
    {
        tap = default;
        if (!float.IsFinite(gx) || !float.IsFinite(gy))
        {
            return false;
        }

        var ux = Unnormalize(gx, w, alignCorners, out var sx);
        var uy = Unnormalize(gy, h, alignCorners, out var sy);
        if (padding == GridSamplePadding.Border)
        {
            ux = Clip(ux, w, ref sx);
            uy = Clip(uy, h, ref sy);
        }

        tap = new BilinearTap(ux, uy, h, w, sx, sy);
        return true;
    }

    private static double Unnormalize(float g, int size, bool alignCorners, out double scale)
    {
        if (alignCorners)
        {
            scale = (size - 1) / 2.0;
            return (g + 1.0) / 2.0 * (size - 1);
        }

        scale = size / 2.0;
        return (((g + 1.0) * size) - 1.0) / 2.0;
    }

    private static double Clip(double u, int size, ref double scale)
    {
        if (u <= 0)
        {
            scale = 0;
            return 0;
        }

        if (u >= size - 1)
        {
            scale = 0;
            return size - 1;
        }

        return u;
    }

    private static void CheckSizes(int n, int c, int h, int w, int outH, int outW, int inputLength, int gridLength, int outLength, string outName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(c, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(w, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outW, 1);
        SpanChecks.AtLeast(inputLength, n * c * h * w, "input");
        SpanChecks.AtLeast(gridLength, n * outH * outW * 2, "grid");
        SpanChecks.AtLeast(outLength, n * c * outH * outW, outName);
    }
}
