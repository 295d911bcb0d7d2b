using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Direct depthwise convolution (groups == C == K), one plane per channel:
/// <c>y[n, c, oy, ox] = b[c] + Σ_{ky, kx} w[c, 0, ky, kx] · x[n, c, oy·sH − pH + ky·dH, ox·sW − pW + kx·dW]</c>.
/// Each tap is a SIMD multiply-add over the valid span of an output row (stride-1 columns); the common
/// 3×3, stride 1, dilation 1 case has a dedicated Vector256 row kernel. Channels run in parallel.
/// </summary>
public static unsafe partial class DepthwiseConv2dKernel
{
    /// <summary>Forward pass; see <see cref="Conv2dKernel.Forward"/> for the span shapes.</summary>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
    {
        RequireDepthwise(g);
        Conv2dKernel.Check(input.Length, g.InputSize, nameof(input));
        Conv2dKernel.Check(weight.Length, g.WeightSize, nameof(weight));
        Conv2dKernel.Check(output.Length, g.OutputSize, nameof(output));
        var geo = g;
        var hasBias = !bias.IsEmpty;
        fixed (float* px = input)
        fixed (float* pw = weight)
        fixed (float* pb = bias)
        fixed (float* py = output)
        {
            float* x = px, w = pw, b = pb, y = py;
            TensorThreads.For(g.Batch * g.InChannels, 4, (start, end) =>
            {
                for (var p = start; p < end; p++)
                {
                    var c = p % geo.InChannels;
                    ForwardPlane(geo, x + ((long)p * geo.Height * geo.Width), w + (c * geo.KernelH * geo.KernelW), hasBias ? b[c] : 0f, y + ((long)p * geo.OutHeight * geo.OutWidth));
                }
            });
        }
    }

    /// <summary>Input gradient (overwrites <paramref name="gradInput"/>); shapes as <see cref="Conv2dKernel.BackwardInput"/>.</summary>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        RequireDepthwise(g);
        Conv2dKernel.Check(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        Conv2dKernel.Check(weight.Length, g.WeightSize, nameof(weight));
        Conv2dKernel.Check(gradInput.Length, g.InputSize, nameof(gradInput));
        var geo = g;
        fixed (float* pdy = gradOutput)
        fixed (float* pw = weight)
        fixed (float* pdx = gradInput)
        {
            float* dy = pdy, w = pw, dx = pdx;
            TensorThreads.For(g.Batch * g.InChannels, 4, (start, end) =>
            {
                for (var p = start; p < end; p++)
                {
                    var c = p % geo.InChannels;
                    var plane = dx + ((long)p * geo.Height * geo.Width);
                    new Span<float>(plane, geo.Height * geo.Width).Clear();
                    var dyPlane = dy + ((long)p * geo.OutHeight * geo.OutWidth);
                    var wc = w + (c * geo.KernelH * geo.KernelW);
                    if (IsSame3x3(geo))
                    {
                        BackwardInputPlane3x3(geo, dyPlane, wc, plane);
                        continue;
                    }

                    Taps(geo, (oy, ky, kx, iy, ox0, ox1, ix0) =>
                    {
                        var tap = wc[(ky * geo.KernelW) + kx];
                        var src = new ReadOnlySpan<float>(dyPlane + ((long)oy * geo.OutWidth) + ox0, ox1 - ox0);
                        var dst = plane + ((long)iy * geo.Width) + ix0;
                        if (geo.StrideW == 1)
                        {
                            var d = new Span<float>(dst, src.Length);
                            TensorPrimitives.MultiplyAdd(src, tap, d, d);
                        }
                        else
                        {
                            for (var i = 0; i < src.Length; i++)
                            {
                                dst[i * geo.StrideW] += tap * src[i];
                            }
                        }
                    });
                }
            });
        }
    }

    /// <summary>Weight gradient (overwrites <paramref name="gradWeight"/>); shapes as <see cref="Conv2dKernel.BackwardWeight"/>.</summary>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight)
    {
        RequireDepthwise(g);
        Conv2dKernel.Check(input.Length, g.InputSize, nameof(input));
        Conv2dKernel.Check(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        Conv2dKernel.Check(gradWeight.Length, g.WeightSize, nameof(gradWeight));
        var geo = g;
        fixed (float* px = input)
        fixed (float* pdy = gradOutput)
        fixed (float* pdw = gradWeight)
        {
            float* x = px, dy = pdy, dw = pdw;
            TensorThreads.For(g.InChannels, 2, (start, end) =>
            {
                var kk = geo.KernelH * geo.KernelW;
                for (var c = start; c < end; c++)
                {
                    var acc = new Span<float>(dw + (c * kk), kk);
                    acc.Clear();
                    for (var n = 0; n < geo.Batch; n++)
                    {
                        var p = (n * geo.InChannels) + c;
                        var xPlane = x + ((long)p * geo.Height * geo.Width);
                        var dyPlane = dy + ((long)p * geo.OutHeight * geo.OutWidth);
                        var accPtr = dw + (c * kk);
                        if (IsSame3x3(geo))
                        {
                            BackwardWeightPlane3x3(geo, xPlane, dyPlane, accPtr);
                            continue;
                        }

                        Taps(geo, (oy, ky, kx, iy, ox0, ox1, ix0) =>
                        {
                            var grad = new ReadOnlySpan<float>(dyPlane + ((long)oy * geo.OutWidth) + ox0, ox1 - ox0);
                            var src = xPlane + ((long)iy * geo.Width) + ix0;
                            float s;
                            if (geo.StrideW == 1)
                            {
                                s = TensorPrimitives.Dot(grad, new ReadOnlySpan<float>(src, grad.Length));
                            }
                            else
                            {
                                s = 0f;
                                for (var i = 0; i < grad.Length; i++)
                                {
                                    s += grad[i] * src[i * geo.StrideW];
                                }
                            }

                            accPtr[(ky * geo.KernelW) + kx] += s;
                        });
                    }
                }
            });
        }
    }

    private delegate void TapAction(int oy, int ky, int kx, int iy, int ox0, int ox1, int ix0);

    /// <summary>Calls <paramref name="action"/> for every (output row, tap) pair with a non-empty valid column span.</summary>
    private static void Taps(in Conv2dGeometry g, TapAction action)
    {
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            for (var ky = 0; ky < g.KernelH; ky++)
            {
                var iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                if ((uint)iy >= (uint)g.Height)
                {
                    continue;
                }

                for (var kx = 0; kx < g.KernelW; kx++)
                {
                    var off = (kx * g.DilationW) - g.PadW;
                    Im2Col.ValidRange(off, g.StrideW, g.Width, g.OutWidth, out var ox0, out var ox1);
                    if (ox1 > ox0)
                    {
                        action(oy, ky, kx, iy, ox0, ox1, (ox0 * g.StrideW) + off);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPlane(in Conv2dGeometry g, float* x, float* w, float bias, float* y)
    {
        int ow = g.OutWidth, oh = g.OutHeight;
        new Span<float>(y, oh * ow).Fill(bias);
        if (IsRow3x3(g))
        {
            for (var oy = 0; oy < oh; oy++)
            {
                Row3x3(g, x, w, y + ((long)oy * ow), oy);
            }

            return;
        }

        var geo = g;
        Taps(g, (oy, ky, kx, iy, ox0, ox1, ix0) =>
        {
            var tap = w[(ky * geo.KernelW) + kx];
            var dst = new Span<float>(y + ((long)oy * ow) + ox0, ox1 - ox0);
            var src = x + ((long)iy * geo.Width) + ix0;
            if (geo.StrideW == 1)
            {
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(src, dst.Length), tap, dst, dst);
            }
            else
            {
                for (var i = 0; i < dst.Length; i++)
                {
                    dst[i] += tap * src[i * geo.StrideW];
                }
            }
        });
    }

    private static void RequireDepthwise(in Conv2dGeometry g)
    {
        if (!g.IsDepthwise)
        {
            throw new ArgumentException($"Depthwise kernel needs groups == in channels == out channels, got groups {g.Groups}, C {g.InChannels}, K {g.OutChannels}.", nameof(g));
        }
    }
}
