using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Polypose.Tensors.Kernels;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// TensorFlow's NHWC convolutions: input <c>[N, H, W, C]</c>, <c>Conv2D</c> filter <c>[KH, KW, C, K]</c> (HWIO),
/// <c>DepthwiseConv2dNative</c> filter <c>[KH, KW, C, 1]</c>, output <c>[N, OH, OW, K]</c>, padding per
/// <see cref="SamePadding"/>. Conv2D runs as one GEMM per image on Polypose.Tensors' <see cref="Gemm"/>
/// (1×1 stride-1 filters read the input in place; others through an NHWC im2col whose columns follow the HWIO
/// filter's order; small filters then through <see cref="PointwiseKernel"/>), then the fused bias and activation. Depthwise convolution runs directly, SIMD across channels
/// (3×3 with 16k channels on <see cref="DepthwiseKernel3x3"/>).
/// </summary>
public static class NhwcConvolution
{
    // Filters with at most this many taps × input channels (an image's first 3×3×3 convolution) run their im2col
    // rows through the pointwise kernel, bias and activation fused, rather than through a packed GEMM.
    private const int SmallConvRows = 64;

    /// <summary>Conv2D (+ bias + activation).</summary>
    public static TfjsTensor Conv2d(TfjsTensor input, TfjsTensor filter, TfjsTensor? bias, int strideH, int strideW, int dilH, int dilW, bool same, Activation activation)
    {
        Require(input.Rank == 4 && filter.Rank == 4, "Conv2D needs a rank-4 input and filter");
        int n = input.Shape[0], h = input.Shape[1], w = input.Shape[2], c = input.Shape[3];
        int kh = filter.Shape[0], kw = filter.Shape[1], k = filter.Shape[3];
        Require(filter.Shape[2] == c, $"Conv2D filter has {filter.Shape[2]} input channels, input has {c}");
        var (oh, padTop) = SamePadding.Axis(h, kh, strideH, dilH, same);
        var (ow, padLeft) = SamePadding.Axis(w, kw, strideW, dilW, same);
        var output = TensorArena.Floats(n * oh * ow * k);
        var x = input.Floats;
        var f = filter.Floats;
        var pointwise = kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0 && oh == h && ow == w;
        var rows = kh * kw * c;
        var col = pointwise ? null : ArrayPool<float>.Shared.Rent(oh * ow * rows);
        try
        {
            for (var b = 0; b < n; b++)
            {
                var y = output.AsSpan(b * oh * ow * k, oh * ow * k);
                ReadOnlySpan<float> a;
                if (pointwise && PointwiseKernel.IsSupported)
                {
                    PointwiseKernel.Run(x.AsSpan(b * h * w * c, h * w * c), h * w, c, f, k, bias is null ? default : bias.Floats.AsSpan(0, k), y, activation);
                    continue;
                }

                if (pointwise)
                {
                    a = x.AsSpan(b * h * w * c, h * w * c);
                }
                else
                {
                    Im2Col(x.AsSpan(b * h * w * c, h * w * c), h, w, c, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, oh, ow, col!);
                    a = col.AsSpan(0, oh * ow * rows);
                    if (rows <= SmallConvRows && PointwiseKernel.IsSupported)
                    {
                        PointwiseKernel.Run(a, oh * ow, rows, f, k, bias is null ? default : bias.Floats.AsSpan(0, k), y, activation);
                        continue;
                    }
                }

                Gemm.Sgemm(false, false, oh * ow, k, rows, 1f, a, rows, f.AsSpan(0, rows * k), k, 0f, y, k);
                BiasActivation.Apply(y, bias is null ? default : bias.Floats.AsSpan(0, k), k, activation);
            }
        }
        finally
        {
            if (col is not null)
            {
                ArrayPool<float>.Shared.Return(col);
            }
        }

        return TfjsTensor.FromFloats([n, oh, ow, k], output);
    }

    /// <summary>DepthwiseConv2dNative with channel multiplier 1 (+ bias + activation).</summary>
    public static TfjsTensor Depthwise(TfjsTensor input, TfjsTensor filter, TfjsTensor? bias, int strideH, int strideW, int dilH, int dilW, bool same, Activation activation)
    {
        Require(input.Rank == 4 && filter.Rank == 4, "DepthwiseConv2dNative needs a rank-4 input and filter");
        int n = input.Shape[0], h = input.Shape[1], w = input.Shape[2], c = input.Shape[3];
        int kh = filter.Shape[0], kw = filter.Shape[1];
        Require(filter.Shape[2] == c, $"depthwise filter has {filter.Shape[2]} channels, input has {c}");
        Require(filter.Shape[3] == 1, $"depthwise channel multiplier {filter.Shape[3]} is not supported (only 1)");
        var (oh, padTop) = SamePadding.Axis(h, kh, strideH, dilH, same);
        var (ow, padLeft) = SamePadding.Axis(w, kw, strideW, dilW, same);
        var output = TensorArena.Floats(n * oh * ow * c);
        if (DepthwiseKernel3x3.Handles(c, kh, kw, strideH, strideW, dilH, dilW))
        {
            for (var b = 0; b < n; b++)
            {
                DepthwiseKernel3x3.Run(input.Floats.AsSpan(b * h * w * c, h * w * c), h, w, c, filter.Floats.AsSpan(0, 9 * c), bias is null ? default : bias.Floats.AsSpan(0, c), strideH, padTop, padLeft, output.AsSpan(b * oh * ow * c, oh * ow * c), oh, ow, activation);
            }

            return TfjsTensor.FromFloats([n, oh, ow, c], output);
        }

        var acc = new float[c];
        var vw = Vector<float>.Count;
        for (var b = 0; b < n; b++)
        {
            var x = input.Floats.AsSpan(b * h * w * c, h * w * c);
            var y = output.AsSpan(b * oh * ow * c, oh * ow * c);
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    var accSpan = acc.AsSpan();
                    if (bias is null)
                    {
                        accSpan.Clear();
                    }
                    else
                    {
                        bias.Floats.AsSpan(0, c).CopyTo(accSpan);
                    }

                    var av = MemoryMarshal.Cast<float, Vector<float>>(accSpan);
                    var vectorEnd = av.Length * vw;
                    for (var ky = 0; ky < kh; ky++)
                    {
                        var iy = (oy * strideH) - padTop + (ky * dilH);
                        if ((uint)iy >= (uint)h)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < kw; kx++)
                        {
                            var ix = (ox * strideW) - padLeft + (kx * dilW);
                            if ((uint)ix >= (uint)w)
                            {
                                continue;
                            }

                            var px = x.Slice(((iy * w) + ix) * c, c);
                            var wt = filter.Floats.AsSpan(((ky * kw) + kx) * c, c);
                            var pv = MemoryMarshal.Cast<float, Vector<float>>(px);
                            var wv = MemoryMarshal.Cast<float, Vector<float>>(wt);
                            for (var v = 0; v < av.Length; v++)
                            {
                                av[v] += pv[v] * wv[v];
                            }

                            for (var ch = vectorEnd; ch < c; ch++)
                            {
                                accSpan[ch] += px[ch] * wt[ch];
                            }
                        }
                    }

                    var dst = y.Slice(((oy * ow) + ox) * c, c);
                    accSpan.CopyTo(dst);
                }
            }

            BiasActivation.Apply(y, default, c, activation);
        }

        return TfjsTensor.FromFloats([n, oh, ow, c], output);
    }

    /// <summary>MaxPool over NHWC (windows ignore padded positions, as TensorFlow's SAME max pooling does).</summary>
    public static TfjsTensor MaxPool(TfjsTensor input, int kh, int kw, int strideH, int strideW, bool same)
    {
        Require(input.Rank == 4, "MaxPool needs a rank-4 input");
        int n = input.Shape[0], h = input.Shape[1], w = input.Shape[2], c = input.Shape[3];
        var (oh, padTop) = SamePadding.Axis(h, kh, strideH, 1, same);
        var (ow, padLeft) = SamePadding.Axis(w, kw, strideW, 1, same);
        var output = new float[n * oh * ow * c];
        var x = input.Floats;
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    var dst = output.AsSpan((((b * oh) + oy) * ow + ox) * c, c);
                    dst.Fill(float.NegativeInfinity);
                    for (var ky = 0; ky < kh; ky++)
                    {
                        var iy = (oy * strideH) - padTop + ky;
                        if ((uint)iy >= (uint)h)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < kw; kx++)
                        {
                            var ix = (ox * strideW) - padLeft + kx;
                            if ((uint)ix >= (uint)w)
                            {
                                continue;
                            }

                            System.Numerics.Tensors.TensorPrimitives.Max(dst, x.AsSpan((((b * h) + iy) * w + ix) * c, c), dst);
                        }
                    }
                }
            }
        }

        return TfjsTensor.FromFloats([n, oh, ow, c], output);
    }

    private static void Im2Col(ReadOnlySpan<float> x, int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw, int padTop, int padLeft, int oh, int ow, float[] col)
    {
        var rows = kh * kw * c;
        for (var oy = 0; oy < oh; oy++)
        {
            for (var ox = 0; ox < ow; ox++)
            {
                var dst = col.AsSpan(((oy * ow) + ox) * rows, rows);
                for (var ky = 0; ky < kh; ky++)
                {
                    var iy = (oy * sh) - padTop + (ky * dh);
                    for (var kx = 0; kx < kw; kx++)
                    {
                        var ix = (ox * sw) - padLeft + (kx * dw);
                        var d = dst.Slice(((ky * kw) + kx) * c, c);
                        if ((uint)iy < (uint)h && (uint)ix < (uint)w)
                        {
                            x.Slice(((iy * w) + ix) * c, c).CopyTo(d);
                        }
                        else
                        {
                            d.Clear();
                        }
                    }
                }
            }
        }
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidOperationException(message);
        }
    }
}
