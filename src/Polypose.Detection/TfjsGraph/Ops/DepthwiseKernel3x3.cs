using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// NHWC 3×3 depthwise convolution (channel multiplier 1, stride 1 or 2, dilation 1) with AVX-512: input
/// <c>[H, W, C]</c> of one image, filter <c>[3, 3, C]</c>, output <c>[OH, OW, C]</c>, C a multiple of 16. For each
/// output row and block of 16 channels the nine filter taps and the bias stay in registers while the row is swept.
/// Each output is the bias, then tap products added in row-major tap order (a multiply, then an add: no fused
/// multiply-add), skipping taps in the padding, then the activation: the same operations in the same order as the
/// generic loop of <see cref="NhwcConvolution"/>, so the same bits.
/// </summary>
public static unsafe class DepthwiseKernel3x3
{
    /// <summary>Whether the kernel can run the case (CPU and shape).</summary>
    public static bool Handles(int c, int kh, int kw, int strideH, int strideW, int dilH, int dilW) =>
        Avx512F.IsSupported && c % 16 == 0 && c > 0 && kh == 3 && kw == 3 && strideH == strideW && strideH is 1 or 2 && dilH == 1 && dilW == 1;

    /// <summary>Computes y (overwritten) for one image.</summary>
    public static void Run(ReadOnlySpan<float> x, int h, int w, int c, ReadOnlySpan<float> filter, ReadOnlySpan<float> bias, int stride, int padTop, int padLeft, Span<float> y, int oh, int ow, Activation activation)
    {
        if (x.Length < h * w * c || filter.Length < 9 * c || y.Length < oh * ow * c || (!bias.IsEmpty && bias.Length < c))
        {
            throw new ArgumentException("DepthwiseKernel3x3: a span is too short");
        }

        var hi = Vector512.Create(activation == Activation.Relu6 ? 6f : float.PositiveInfinity);
        var clamp = activation != Activation.None;

        // Output columns whose three input columns are all inside the image.
        var oxFirst = Math.Min(ow, (padLeft + stride - 1) / stride);
        var oxEnd = w - 3 + padLeft < 0 ? oxFirst : Math.Max(oxFirst, Math.Min(ow, ((w - 3 + padLeft) / stride) + 1));
        fixed (float* px = x, pf = filter, pb = bias, py = y)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                var iy0 = (oy * stride) - padTop;
                var rowsInside = iy0 >= 0 && iy0 + 2 < h;
                for (var cb = 0; cb < c; cb += 16)
                {
                    var b = bias.IsEmpty ? Vector512<float>.Zero : Vector512.Load(pb + cb);
                    var w00 = Vector512.Load(pf + cb);
                    var w01 = Vector512.Load(pf + c + cb);
                    var w02 = Vector512.Load(pf + (2 * c) + cb);
                    var w10 = Vector512.Load(pf + (3 * c) + cb);
                    var w11 = Vector512.Load(pf + (4 * c) + cb);
                    var w12 = Vector512.Load(pf + (5 * c) + cb);
                    var w20 = Vector512.Load(pf + (6 * c) + cb);
                    var w21 = Vector512.Load(pf + (7 * c) + cb);
                    var w22 = Vector512.Load(pf + (8 * c) + cb);
                    var dst = py + (oy * ow * c) + cb;
                    if (!rowsInside)
                    {
                        for (var ox = 0; ox < ow; ox++)
                        {
                            Store(dst + (ox * c), Border(px, h, w, c, pf, cb, b, iy0, (ox * stride) - padLeft), clamp, hi);
                        }

                        continue;
                    }

                    for (var ox = 0; ox < oxFirst; ox++)
                    {
                        Store(dst + (ox * c), Border(px, h, w, c, pf, cb, b, iy0, (ox * stride) - padLeft), clamp, hi);
                    }

                    var r0 = px + (iy0 * w * c) + cb;
                    var r1 = r0 + (w * c);
                    var r2 = r1 + (w * c);
                    var step = stride * c;
                    var off = (((oxFirst * stride) - padLeft) * c);
                    for (var ox = oxFirst; ox < oxEnd; ox++, off += step)
                    {
                        var acc = b;
                        acc += Vector512.Load(r0 + off) * w00;
                        acc += Vector512.Load(r0 + off + c) * w01;
                        acc += Vector512.Load(r0 + off + (2 * c)) * w02;
                        acc += Vector512.Load(r1 + off) * w10;
                        acc += Vector512.Load(r1 + off + c) * w11;
                        acc += Vector512.Load(r1 + off + (2 * c)) * w12;
                        acc += Vector512.Load(r2 + off) * w20;
                        acc += Vector512.Load(r2 + off + c) * w21;
                        acc += Vector512.Load(r2 + off + (2 * c)) * w22;
                        Store(dst + (ox * c), acc, clamp, hi);
                    }

                    for (var ox = oxEnd; ox < ow; ox++)
                    {
                        Store(dst + (ox * c), Border(px, h, w, c, pf, cb, b, iy0, (ox * stride) - padLeft), clamp, hi);
                    }
                }
            }
        }
    }

    // An output whose window reaches into the padding: taps outside the image are skipped.
    private static Vector512<float> Border(float* x, int h, int w, int c, float* f, int cb, Vector512<float> acc, int iy0, int ix0)
    {
        for (var ky = 0; ky < 3; ky++)
        {
            var iy = iy0 + ky;
            if ((uint)iy >= (uint)h)
            {
                continue;
            }

            for (var kx = 0; kx < 3; kx++)
            {
                var ix = ix0 + kx;
                if ((uint)ix >= (uint)w)
                {
                    continue;
                }

                acc += Vector512.Load(x + ((((iy * w) + ix) * c) + cb)) * Vector512.Load(f + ((((ky * 3) + kx) * c) + cb));
            }
        }

        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, Vector512<float> v, bool clamp, Vector512<float> hi)
    {
        if (clamp)
        {
            v = Avx512F.Min(Avx512F.Max(v, Vector512<float>.Zero), hi);
        }

        Vector512.Store(v, dst);
    }
}
