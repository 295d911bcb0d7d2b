using System.Runtime.CompilerServices;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Direct depthwise convolution (groups == C == K), one plane per channel:
/// <c>y[n, c, oy, ox] = b[c] + Σ_{ky, kx} w[c, 0, ky, kx] · x[n, c, oy·sH − pH + ky·dH, ox·sW − pW + kx·dW]</c>.
/// Each tap is a SIMD multiply-add over the valid span of an output row (stride-1 columns); the common
/// 3×3, stride 1, dilation 1 case has dedicated Vector256 kernels. Planes run in parallel; allocation-free with one thread.
/// </summary>
internal static unsafe partial class DepthwiseConv2dKernel
{
    /// <summary>Forward pass y = f(conv + b); see <see cref="Conv2dKernel.Forward"/> for the span shapes.</summary>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output, FusedActivation activation = FusedActivation.None)
    {
        RequireDepthwise(g);
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(weight.Length, g.WeightSize, nameof(weight));
        SpanChecks.AtLeast(output.Length, g.OutputSize, nameof(output));
        fixed (float* px = input)
        fixed (float* pw = weight)
        fixed (float* pb = bias)
        fixed (float* py = output)
        {
            var state = new Planes(g, px, pw, bias.IsEmpty ? null : pb, py, activation);
            TensorThreads.For(g.Batch * g.InChannels, 4, state, static (s, start, end) =>
            {
                var geo = s.Geometry;
                for (var p = start; p < end; p++)
                {
                    var c = p % geo.InChannels;
                    var y = s.Out + ((long)p * geo.OutHeight * geo.OutWidth);
                    ForwardPlane(geo, s.A + ((long)p * geo.Height * geo.Width), s.W + (c * geo.KernelH * geo.KernelW), s.Bias == null ? 0f : s.Bias[c], y);
                    if (s.Activation != FusedActivation.None)
                    {
                        Epilogue.Apply(new Span<float>(y, geo.OutHeight * geo.OutWidth), s.Activation);
                    }
                }
            });
        }
    }

    /// <summary>Input gradient (overwrites <paramref name="gradInput"/>); shapes as <see cref="Conv2dKernel.BackwardInput"/>.</summary>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        RequireDepthwise(g);
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(weight.Length, g.WeightSize, nameof(weight));
        SpanChecks.AtLeast(gradInput.Length, g.InputSize, nameof(gradInput));
        fixed (float* pdy = gradOutput)
        fixed (float* pw = weight)
        fixed (float* pdx = gradInput)
        {
            TensorThreads.For(g.Batch * g.InChannels, 4, new Planes(g, pdy, pw, null, pdx), static (s, start, end) =>
            {
                var geo = s.Geometry;
                for (var p = start; p < end; p++)
                {
                    var c = p % geo.InChannels;
                    var dx = s.Out + ((long)p * geo.Height * geo.Width);
                    var dy = s.A + ((long)p * geo.OutHeight * geo.OutWidth);
                    var w = s.W + (c * geo.KernelH * geo.KernelW);
                    if (IsSame3x3(geo))
                    {
                        BackwardInputPlane3x3(geo, dy, w, dx);
                    }
                    else
                    {
                        new Span<float>(dx, geo.Height * geo.Width).Clear();
                        var visitor = new InputGradTap(geo, dy, w, dx);
                        Taps(geo, ref visitor);
                    }
                }
            });
        }
    }

    /// <summary>Weight gradient (overwrites <paramref name="gradWeight"/>); shapes as <see cref="Conv2dKernel.BackwardWeight"/>.</summary>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight)
    {
        RequireDepthwise(g);
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(gradWeight.Length, g.WeightSize, nameof(gradWeight));
        fixed (float* px = input)
        fixed (float* pdy = gradOutput)
        fixed (float* pdw = gradWeight)
        {
            // A = x, Bias = dy (second input plane), Out = dw.
            TensorThreads.For(g.InChannels, 2, new Planes(g, px, null, pdy, pdw), static (s, start, end) =>
            {
                var geo = s.Geometry;
                var kk = geo.KernelH * geo.KernelW;
                if (UsePaddedWeight3x3(geo))
                {
                    var scratch = System.Buffers.ArrayPool<float>.Shared.Rent(PaddedWeightScratch(geo));
                    fixed (float* ps = scratch)
                    {
                        for (var c = start; c < end; c++)
                        {
                            var dw = s.Out + (c * kk);
                            new Span<float>(dw, kk).Clear();
                            for (var n = 0; n < geo.Batch; n++)
                            {
                                var p = (n * geo.InChannels) + c;
                                BackwardWeightPlanePadded3x3(geo, s.A + ((long)p * geo.Height * geo.Width), s.Bias + ((long)p * geo.OutHeight * geo.OutWidth), dw, ps);
                            }
                        }
                    }

                    System.Buffers.ArrayPool<float>.Shared.Return(scratch);
                    return;
                }

                for (var c = start; c < end; c++)
                {
                    var dw = s.Out + (c * kk);
                    new Span<float>(dw, kk).Clear();
                    for (var n = 0; n < geo.Batch; n++)
                    {
                        var p = (n * geo.InChannels) + c;
                        var x = s.A + ((long)p * geo.Height * geo.Width);
                        var dy = s.Bias + ((long)p * geo.OutHeight * geo.OutWidth);
                        if (IsSame3x3(geo))
                        {
                            BackwardWeightPlane3x3(geo, x, dy, dw);
                        }
                        else
                        {
                            var visitor = new WeightGradTap(geo, x, dy, dw);
                            Taps(geo, ref visitor);
                        }
                    }
                }
            });
        }
    }

    /// <summary>Calls the visitor for every (output row, tap) pair with a non-empty valid column span.</summary>
    private static void Taps<TVisitor>(in Conv2dGeometry g, ref TVisitor visitor)
        where TVisitor : struct, ITapVisitor
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
                        visitor.Visit(oy, ky, kx, iy, ox0, ox1, (ox0 * g.StrideW) + off);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPlane(in Conv2dGeometry g, float* x, float* w, float bias, float* y)
    {
        int ow = g.OutWidth, oh = g.OutHeight;
        if (IsRow3x3(g))
        {
            for (var oy = 0; oy < oh; oy++)
            {
                Row3x3(g, x, w, bias, y + ((long)oy * ow), oy);
            }

            return;
        }

        new Span<float>(y, oh * ow).Fill(bias);

        var visitor = new ForwardTap(g, x, w, y);
        Taps(g, ref visitor);
    }

    private static void RequireDepthwise(in Conv2dGeometry g)
    {
        if (!g.IsDepthwise)
        {
            throw new ArgumentException($"Depthwise kernel needs groups == in channels == out channels, got groups {g.Groups}, C {g.InChannels}, K {g.OutChannels}.", nameof(g));
        }
    }

    /// <summary>Pointers shared by the per-plane workers: a primary input, weights, an optional second input, the output.</summary>
    private readonly struct Planes(Conv2dGeometry geometry, float* a, float* w, float* bias, float* output, FusedActivation activation = FusedActivation.None)
    {
        public FusedActivation Activation { get; } = activation;

        public Conv2dGeometry Geometry { get; } = geometry;

        public float* A { get; } = a;

        public float* W { get; } = w;

        public float* Bias { get; } = bias;

        public float* Out { get; } = output;
    }
}
