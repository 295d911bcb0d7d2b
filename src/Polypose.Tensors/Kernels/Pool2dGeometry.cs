namespace Polypose.Tensors.Kernels;

/// <summary>
/// Shape of a 2-D pooling over NCHW planes: input [N, C, H, W], output [N, C, OH, OW] with
/// OH = (H + 2·padH − dilH·(KH − 1) − 1) / strideH + 1 (floor mode), same for OW.
/// </summary>
internal readonly record struct Pool2dGeometry
{
    /// <summary>Creates and validates a geometry (PyTorch rule: padding at most half the kernel).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is invalid or the output would be empty.</exception>
    public Pool2dGeometry(
        int batch, int channels, int height, int width, int kernelH, int kernelW,
        int strideH, int strideW, int padH = 0, int padW = 0, int dilationH = 1, int dilationW = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelW, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(strideH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(strideW, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padH);
        ArgumentOutOfRangeException.ThrowIfNegative(padW);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(padH, kernelH / 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(padW, kernelW / 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilationH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilationW, 1);
        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        PadH = padH;
        PadW = padW;
        DilationH = dilationH;
        DilationW = dilationW;
        var spanH = SlidingWindow.Span(height, kernelH, padH, dilationH);
        var spanW = SlidingWindow.Span(width, kernelW, padW, dilationW);
        if (spanH < 0 || spanW < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelH), $"pooling window {kernelH}x{kernelW} exceeds padded input {height + (2 * padH)}x{width + (2 * padW)}.");
        }

        OutHeight = (spanH / strideH) + 1;
        OutWidth = (spanW / strideW) + 1;
    }

    /// <summary>Gets N.</summary>
    public int Batch { get; }

    /// <summary>Gets C.</summary>
    public int Channels { get; }

    /// <summary>Gets H.</summary>
    public int Height { get; }

    /// <summary>Gets W.</summary>
    public int Width { get; }

    /// <summary>Gets KH.</summary>
    public int KernelH { get; }

    /// <summary>Gets KW.</summary>
    public int KernelW { get; }

    /// <summary>Gets the vertical stride.</summary>
    public int StrideH { get; }

    /// <summary>Gets the horizontal stride.</summary>
    public int StrideW { get; }

    /// <summary>Gets the implicit padding above and below (−∞ for max, 0 for average).</summary>
    public int PadH { get; }

    /// <summary>Gets the implicit padding left and right.</summary>
    public int PadW { get; }

    /// <summary>Gets the vertical dilation (max pooling only).</summary>
    public int DilationH { get; }

    /// <summary>Gets the horizontal dilation (max pooling only).</summary>
    public int DilationW { get; }

    /// <summary>Gets OH.</summary>
    public int OutHeight { get; }

    /// <summary>Gets OW.</summary>
    public int OutWidth { get; }

    /// <summary>Gets N·C·H·W.</summary>
    public int InputSize => Batch * Channels * Height * Width;

    /// <summary>Gets N·C·OH·OW.</summary>
    public int OutputSize => Batch * Channels * OutHeight * OutWidth;
}
