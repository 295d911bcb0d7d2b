using System.Buffers;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// NCHW 2-D convolution (cross-correlation, as PyTorch's <c>conv2d</c>) by im2col + GEMM, per image and group:
/// <c>y[n, k, oy, ox] = b[k] + Σ_{c, ky, kx} w[k, c, ky, kx] · x[n, g·C/G + c, oy·sH − pH + ky·dH, ox·sW − pW + kx·dW]</c>.
/// Depthwise geometries go to <see cref="DepthwiseConv2dKernel"/>; 1×1 stride-1 unpadded ones skip im2col.
/// All outputs are overwritten (not accumulated). Column workspace comes from a pool (no steady-state allocation).
/// </summary>
internal static unsafe partial class Conv2dKernel
{
    /// <summary>Forward: y = conv2d(x, w) + b.</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="weight">w, [K, C/G, KH, KW].</param>
    /// <param name="bias">b, [K], or empty for none.</param>
    /// <param name="output">y, [N, K, OH, OW].</param>
    /// <param name="activation">Inference epilogue fused per image and group while the output is in cache: y = f(conv + b).</param>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output, FusedActivation activation = FusedActivation.None)
    {
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(weight.Length, g.WeightSize, nameof(weight));
        SpanChecks.AtLeast(output.Length, g.OutputSize, nameof(output));
        if (!bias.IsEmpty)
        {
            SpanChecks.AtLeast(bias.Length, g.OutChannels, nameof(bias));
        }

        if (g.IsDepthwise)
        {
            DepthwiseConv2dKernel.Forward(g, input, weight, bias, output, activation);
            return;
        }

        if (CanForwardDirect(g))
        {
            ForwardDirect(g, input, weight, output);
            if (!bias.IsEmpty || activation != FusedActivation.None)
            {
                Epilogue.BiasActivation(output.Slice(0, g.OutputSize), bias.IsEmpty ? default : bias.Slice(0, g.OutChannels), g.Batch, g.OutChannels, g.OutHeight * g.OutWidth, activation);
            }

            return;
        }

        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, ohw = g.OutHeight * g.OutWidth;
        int hw = g.Height * g.Width, rows = cg * g.KernelH * g.KernelW;
        var col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(rows * ohw);
        try
        {
            fixed (float* px = input)
            fixed (float* pcol = col)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var gr = 0; gr < g.Groups; gr++)
                    {
                        var xg = px + (((long)(n * g.InChannels) + (gr * cg)) * hw);
                        ReadOnlySpan<float> b;
                        if (g.IsPointwise)
                        {
                            b = new ReadOnlySpan<float>(xg, rows * ohw);
                        }
                        else
                        {
                            Im2Col.Unfold(g, xg, cg, pcol);
                            b = new ReadOnlySpan<float>(pcol, rows * ohw);
                        }

                        var y = output.Slice(((n * g.OutChannels) + (gr * kg)) * ohw, kg * ohw);
                        Gemm.Sgemm(false, false, kg, ohw, rows, 1f, weight.Slice(gr * kg * rows, kg * rows), rows, b, ohw, 0f, y, ohw);
                        if (!bias.IsEmpty || activation != FusedActivation.None)
                        {
                            Epilogue.BiasActivation(y, bias.IsEmpty ? default : bias.Slice(gr * kg, kg), 1, kg, ohw, activation);
                        }
                    }
                }
            }
        }
        finally
        {
            if (col is not null)
            {
                ArrayPool<float>.Shared.Return(col);
            }
        }

    }

    /// <summary>Input gradient: dx = conv2dᵀ(dy, w) (the adjoint of <see cref="Forward"/> in x).</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="gradOutput">dy, [N, K, OH, OW].</param>
    /// <param name="weight">w, [K, C/G, KH, KW].</param>
    /// <param name="gradInput">dx, [N, C, H, W] (overwritten).</param>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(weight.Length, g.WeightSize, nameof(weight));
        SpanChecks.AtLeast(gradInput.Length, g.InputSize, nameof(gradInput));
        if (g.IsDepthwise)
        {
            DepthwiseConv2dKernel.BackwardInput(g, gradOutput, weight, gradInput);
            return;
        }

        if (!g.IsPointwise && g.StrideH == 1 && g.StrideW == 1
            && g.PadH <= g.DilationH * (g.KernelH - 1) && g.PadW <= g.DilationW * (g.KernelW - 1))
        {
            BackwardInputAsConvolution(g, gradOutput, weight, gradInput);
            return;
        }

        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, ohw = g.OutHeight * g.OutWidth;
        int hw = g.Height * g.Width, rows = cg * g.KernelH * g.KernelW;
        var col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(rows * ohw);
        try
        {
            if (!g.IsPointwise)
            {
                gradInput.Slice(0, g.InputSize).Clear();
            }

            fixed (float* pdx = gradInput)
            fixed (float* pcol = col)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var gr = 0; gr < g.Groups; gr++)
                    {
                        var dxg = pdx + (((long)(n * g.InChannels) + (gr * cg)) * hw);
                        var dy = gradOutput.Slice(((n * g.OutChannels) + (gr * kg)) * ohw, kg * ohw);
                        var w = weight.Slice(gr * kg * rows, kg * rows);
                        var target = g.IsPointwise ? new Span<float>(dxg, rows * ohw) : new Span<float>(pcol, rows * ohw);
                        Gemm.Sgemm(true, false, rows, ohw, kg, 1f, w, rows, dy, ohw, 0f, target, ohw);
                        if (!g.IsPointwise)
                        {
                            Im2Col.Col2ImAdd(g, pcol, cg, dxg);
                        }
                    }
                }
            }
        }
        finally
        {
            if (col is not null)
            {
                ArrayPool<float>.Shared.Return(col);
            }
        }
    }

    /// <summary>
    /// Stride-1 input gradient as a forward convolution of dy with the spatially flipped, in/out-swapped kernel
    /// w'[c, k, ky, kx] = w[k, c, KH − 1 − ky, KW − 1 − kx] and padding dil·(K − 1) − pad (im2col instead of col2im).
    /// </summary>
    private static void BackwardInputAsConvolution(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, kh = g.KernelH, kw = g.KernelW;
        var flipped = ArrayPool<float>.Shared.Rent(g.WeightSize);
        try
        {
            for (var gr = 0; gr < g.Groups; gr++)
            {
                for (var c = 0; c < cg; c++)
                {
                    for (var k = 0; k < kg; k++)
                    {
                        var src = ((((gr * kg) + k) * cg) + c) * kh * kw;
                        var dst = ((((gr * cg) + c) * kg) + k) * kh * kw;
                        for (var t = 0; t < kh * kw; t++)
                        {
                            flipped[dst + t] = weight[src + (kh * kw) - 1 - t];
                        }
                    }
                }
            }

            var adjoint = new Conv2dGeometry(
                g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, kh, kw, 1, 1,
                (g.DilationH * (kh - 1)) - g.PadH, (g.DilationW * (kw - 1)) - g.PadW, g.DilationH, g.DilationW, g.Groups);
            Forward(adjoint, gradOutput, flipped.AsSpan(0, g.WeightSize), default, gradInput);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(flipped);
        }
    }

    /// <summary>Weight gradient: dw[k, c, ky, kx] = Σ_{n, oy, ox} dy[n, k, oy, ox] · x[n, c', iy, ix].</summary>
    /// <param name="g">Geometry.</param>
    /// <param name="input">x, [N, C, H, W].</param>
    /// <param name="gradOutput">dy, [N, K, OH, OW].</param>
    /// <param name="gradWeight">dw, [K, C/G, KH, KW] (overwritten).</param>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight)
    {
        SpanChecks.AtLeast(input.Length, g.InputSize, nameof(input));
        SpanChecks.AtLeast(gradOutput.Length, g.OutputSize, nameof(gradOutput));
        SpanChecks.AtLeast(gradWeight.Length, g.WeightSize, nameof(gradWeight));
        if (g.IsDepthwise)
        {
            DepthwiseConv2dKernel.BackwardWeight(g, input, gradOutput, gradWeight);
            return;
        }

        if (CanForwardDirect(g))
        {
            BackwardWeightDirect(g, input, gradOutput, gradWeight);
            return;
        }

        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, ohw = g.OutHeight * g.OutWidth;
        int hw = g.Height * g.Width, rows = cg * g.KernelH * g.KernelW;
        var col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(rows * ohw);
        try
        {
            fixed (float* px = input)
            fixed (float* pcol = col)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var gr = 0; gr < g.Groups; gr++)
                    {
                        var xg = px + (((long)(n * g.InChannels) + (gr * cg)) * hw);
                        ReadOnlySpan<float> b;
                        if (g.IsPointwise)
                        {
                            b = new ReadOnlySpan<float>(xg, rows * ohw);
                        }
                        else
                        {
                            Im2Col.Unfold(g, xg, cg, pcol);
                            b = new ReadOnlySpan<float>(pcol, rows * ohw);
                        }

                        var dy = gradOutput.Slice(((n * g.OutChannels) + (gr * kg)) * ohw, kg * ohw);
                        var dw = gradWeight.Slice(gr * kg * rows, kg * rows);
                        Gemm.Sgemm(false, true, kg, rows, ohw, 1f, dy, ohw, b, ohw, n == 0 ? 0f : 1f, dw, rows);
                    }
                }
            }
        }
        finally
        {
            if (col is not null)
            {
                ArrayPool<float>.Shared.Return(col);
            }
        }
    }

    /// <summary>Bias gradient: db[k] = Σ_{n, oy, ox} dy[n, k, oy, ox].</summary>
    /// <param name="batch">N.</param>
    /// <param name="channels">K.</param>
    /// <param name="spatial">OH·OW.</param>
    /// <param name="gradOutput">dy, [N, K, OH·OW].</param>
    /// <param name="gradBias">db, [K] (overwritten).</param>
    public static void BackwardBias(int batch, int channels, int spatial, ReadOnlySpan<float> gradOutput, Span<float> gradBias)
    {
        SpanChecks.AtLeast(gradOutput.Length, batch * channels * spatial, nameof(gradOutput));
        SpanChecks.AtLeast(gradBias.Length, channels, nameof(gradBias));
        for (var k = 0; k < channels; k++)
        {
            var sum = 0f;
            for (var n = 0; n < batch; n++)
            {
                sum += System.Numerics.Tensors.TensorPrimitives.Sum(gradOutput.Slice(((n * channels) + k) * spatial, spatial));
            }

            gradBias[k] = sum;
        }
    }
}
