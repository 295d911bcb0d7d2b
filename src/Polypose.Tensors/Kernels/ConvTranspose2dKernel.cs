namespace Polypose.Tensors.Kernels;

/// <summary>
/// NCHW transposed convolution (PyTorch <c>conv_transpose2d</c>), the adjoint of <see cref="Conv2dKernel"/>:
/// input x [N, Cin, H, W], weight w [Cin, Cout/G, KH, KW], output y [N, Cout, OH, OW] with
/// OH = (H − 1)·sH − 2·pH + dH·(KH − 1) + outputPaddingH + 1 (same for OW).
/// It is computed as the input gradient of the convolution that maps y's shape back to x's shape.
/// </summary>
internal static class ConvTranspose2dKernel
{
    /// <summary>
    /// The geometry of the equivalent forward convolution (input = transposed output [N, Cout, OH, OW], output = x).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Output padding is not smaller than stride or dilation, or sizes are invalid.</exception>
    public static Conv2dGeometry Geometry(
        int batch, int inChannels, int height, int width, int outChannels, int kernelH, int kernelW,
        int strideH = 1, int strideW = 1, int padH = 0, int padW = 0, int outputPaddingH = 0, int outputPaddingW = 0,
        int dilationH = 1, int dilationW = 1, int groups = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputPaddingH);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPaddingW);
        if (outputPaddingH >= Math.Max(strideH, dilationH) || outputPaddingW >= Math.Max(strideW, dilationW))
        {
            throw new ArgumentOutOfRangeException(nameof(outputPaddingH), $"output padding {outputPaddingH}x{outputPaddingW} must be smaller than stride {strideH}x{strideW} or dilation {dilationH}x{dilationW}.");
        }

        var oh = ((height - 1) * strideH) - (2 * padH) + (dilationH * (kernelH - 1)) + outputPaddingH + 1;
        var ow = ((width - 1) * strideW) - (2 * padW) + (dilationW * (kernelW - 1)) + outputPaddingW + 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(oh, 1, nameof(height));
        ArgumentOutOfRangeException.ThrowIfLessThan(ow, 1, nameof(width));
        var g = new Conv2dGeometry(batch, outChannels, oh, ow, inChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups);
        if (g.OutHeight != height || g.OutWidth != width)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"inconsistent transposed geometry: {height}x{width} maps to {oh}x{ow} which convolves back to {g.OutHeight}x{g.OutWidth}.");
        }

        return g;
    }

    /// <summary>Forward: y = conv_transpose2d(x, w) + b, with <paramref name="g"/> from <see cref="Geometry"/>.</summary>
    /// <param name="g">Equivalent convolution geometry (its input is y, its output is x).</param>
    /// <param name="input">x, [N, Cin, H, W].</param>
    /// <param name="weight">w, [Cin, Cout/G, KH, KW].</param>
    /// <param name="bias">b, [Cout], or empty.</param>
    /// <param name="output">y, [N, Cout, OH, OW] (overwritten).</param>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
    {
        Conv2dKernel.BackwardInput(g, input, weight, output);
        if (!bias.IsEmpty)
        {
            Epilogue.BiasActivation(output, bias, g.Batch, g.InChannels, g.Height * g.Width, FusedActivation.None);
        }
    }

    /// <summary>Input gradient: dx = conv2d(dy, w) (overwrites <paramref name="gradInput"/>).</summary>
    /// <param name="g">Equivalent convolution geometry.</param>
    /// <param name="gradOutput">dy, [N, Cout, OH, OW].</param>
    /// <param name="weight">w, [Cin, Cout/G, KH, KW].</param>
    /// <param name="gradInput">dx, [N, Cin, H, W].</param>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
        => Conv2dKernel.Forward(g, gradOutput, weight, ReadOnlySpan<float>.Empty, gradInput);

    /// <summary>Weight gradient: dw[ci, co, ky, kx] = Σ x[n, ci, iy, ix] · dy[n, co, …] (overwrites <paramref name="gradWeight"/>).</summary>
    /// <param name="g">Equivalent convolution geometry.</param>
    /// <param name="input">x, [N, Cin, H, W].</param>
    /// <param name="gradOutput">dy, [N, Cout, OH, OW].</param>
    /// <param name="gradWeight">dw, [Cin, Cout/G, KH, KW].</param>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight)
        => Conv2dKernel.BackwardWeight(g, gradOutput, input, gradWeight);
}
