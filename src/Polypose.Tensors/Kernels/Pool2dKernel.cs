using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Max and average pooling over NCHW planes (PyTorch <c>max_pool2d</c> / <c>avg_pool2d</c>, floor mode).
/// Max: <c>y = max over the (dilated) window</c>, with the argmax stored as a flat index iy·W + ix in its plane
/// (first maximum wins; a NaN in the window wins, as in PyTorch). Average:
/// <c>y = Σ window / count</c> where count is KH·KW when <c>countIncludePad</c>, else the number of in-image taps.
/// </summary>
internal static class Pool2dKernel
{
    /// <summary>Max pooling forward.</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="output">y, [N, C, OH, OW].</param>
    /// <param name="indices">argmax per output, [N, C, OH, OW], flat index within its H×W plane.</param>
    public static void MaxForward(in Pool2dGeometry g, ReadOnlySpan<float> input, Span<float> output, Span<int> indices)
    {
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(output.Length, g.OutputSize, nameof(output));
        SpanChecks.AtLeast(indices.Length, g.OutputSize, nameof(indices));
        int hw = g.Height * g.Width, ohw = g.OutHeight * g.OutWidth;
        for (var p = 0; p < g.Batch * g.Channels; p++)
        {
            var x = input.Slice(p * hw, hw);
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    var best = float.NegativeInfinity;
                    var arg = -1;
                    for (var ky = 0; ky < g.KernelH; ky++)
                    {
                        var iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                        if ((uint)iy >= (uint)g.Height)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < g.KernelW; kx++)
                        {
                            var ix = (ox * g.StrideW) - g.PadW + (kx * g.DilationW);
                            if ((uint)ix >= (uint)g.Width)
                            {
                                continue;
                            }

                            var v = x[(iy * g.Width) + ix];
                            if (arg < 0 || v > best || (float.IsNaN(v) && !float.IsNaN(best)))
                            {
                                best = v;
                                arg = (iy * g.Width) + ix;
                            }
                        }
                    }

                    var o = (p * ohw) + (oy * g.OutWidth) + ox;
                    output[o] = best;
                    indices[o] = arg;
                }
            }
        }
    }

    /// <summary>Max pooling backward: dx[plane, indices[o]] += dy[o] (overwrites <paramref name="gradInput"/>).</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="gradOutput">dy, [N, C, OH, OW].</param>
    /// <param name="indices">argmax from <see cref="MaxForward"/>.</param>
    /// <param name="gradInput">dx, [N, C, H, W].</param>
    public static void MaxBackward(in Pool2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> indices, Span<float> gradInput)
    {
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(indices.Length, g.OutputSize, nameof(indices));
        SpanChecks.AtLeast(gradInput.Length, g.InputSize, nameof(gradInput));
        int hw = g.Height * g.Width, ohw = g.OutHeight * g.OutWidth;
        gradInput[..g.InputSize].Clear();
        for (var p = 0; p < g.Batch * g.Channels; p++)
        {
            for (var o = 0; o < ohw; o++)
            {
                var idx = indices[(p * ohw) + o];
                if ((uint)idx < (uint)hw)
                {
                    gradInput[(p * hw) + idx] += gradOutput[(p * ohw) + o];
                }
            }
        }
    }

    /// <summary>Average pooling forward (dilation must be 1).</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="output">y, [N, C, OH, OW].</param>
    /// <param name="countIncludePad">Divide by KH·KW (true, PyTorch default) or by the in-image tap count.</param>
    public static void AvgForward(in Pool2dGeometry g, ReadOnlySpan<float> input, Span<float> output, bool countIncludePad = true)
    {
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(output.Length, g.OutputSize, nameof(output));
        Avg(g, input, output, countIncludePad, backward: false);
    }

    /// <summary>Average pooling backward: each dy[o] / count is added to every in-image tap of its window (overwrites dx).</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="gradOutput">dy, [N, C, OH, OW].</param>
    /// <param name="gradInput">dx, [N, C, H, W].</param>
    /// <param name="countIncludePad">As in the forward pass.</param>
    public static void AvgBackward(in Pool2dGeometry g, ReadOnlySpan<float> gradOutput, Span<float> gradInput, bool countIncludePad = true)
    {
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(gradInput.Length, g.InputSize, nameof(gradInput));
        gradInput[..g.InputSize].Clear();
        Avg(g, gradOutput, gradInput, countIncludePad, backward: true);
    }

    private static void Avg(in Pool2dGeometry g, ReadOnlySpan<float> src, Span<float> dst, bool countIncludePad, bool backward)
    {
        if (g.DilationH != 1 || g.DilationW != 1)
        {
            throw new ArgumentException("average pooling has no dilation.", nameof(g));
        }

        int hw = g.Height * g.Width, ohw = g.OutHeight * g.OutWidth;
        for (var p = 0; p < g.Batch * g.Channels; p++)
        {
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                int y0 = (oy * g.StrideH) - g.PadH, y1 = Math.Min(y0 + g.KernelH, g.Height);
                var yStart = Math.Max(y0, 0);
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    int x0 = (ox * g.StrideW) - g.PadW, x1 = Math.Min(x0 + g.KernelW, g.Width);
                    var xStart = Math.Max(x0, 0);
                    var count = countIncludePad
                        ? (Math.Min(y0 + g.KernelH, g.Height + g.PadH) - y0) * (Math.Min(x0 + g.KernelW, g.Width + g.PadW) - x0)
                        : (y1 - yStart) * (x1 - xStart);
                    var o = (p * ohw) + (oy * g.OutWidth) + ox;
                    if (backward)
                    {
                        var share = count > 0 ? src[o] / count : 0f;
                        for (var iy = yStart; iy < y1; iy++)
                        {
                            for (var ix = xStart; ix < x1; ix++)
                            {
                                dst[(p * hw) + (iy * g.Width) + ix] += share;
                            }
                        }
                    }
                    else
                    {
                        var sum = 0f;
                        for (var iy = yStart; iy < y1; iy++)
                        {
                            for (var ix = xStart; ix < x1; ix++)
                            {
                                sum += src[(p * hw) + (iy * g.Width) + ix];
                            }
                        }

                        dst[o] = count > 0 ? sum / count : 0f;
                    }
                }
            }
        }
    }
}
