namespace Polypose.Tensors.Kernels;

/// <summary>
/// Shape description of a 2-D convolution over NCHW tensors: input [N, C, H, W], weight [K, C/groups, KH, KW],
/// output [N, K, OH, OW] with OH = (H + 2·padH − dilH·(KH − 1) − 1) / strideH + 1 (floor), same for OW.
/// </summary>
internal readonly record struct Conv2dGeometry
{
    /// <summary>Creates and validates a geometry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, padding is negative, groups do not divide
    /// the channels, or the output would be empty.</exception>
    public Conv2dGeometry(
        int batch, int inChannels, int height, int width, int outChannels, int kernelH, int kernelW,
        int strideH = 1, int strideW = 1, int padH = 0, int padW = 0, int dilationH = 1, int dilationW = 1, int groups = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelW, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(strideH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(strideW, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padH);
        ArgumentOutOfRangeException.ThrowIfNegative(padW);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilationH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilationW, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), $"groups {groups} must divide in channels {inChannels} and out channels {outChannels}.");
        }

        Batch = batch;
        InChannels = inChannels;
        Height = height;
        Width = width;
        OutChannels = outChannels;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        PadH = padH;
        PadW = padW;
        DilationH = dilationH;
        DilationW = dilationW;
        Groups = groups;
        OutHeight = SlidingWindow.OutputLength(height, kernelH, strideH, padH, dilationH);
        OutWidth = SlidingWindow.OutputLength(width, kernelW, strideW, padW, dilationW);
        if (SlidingWindow.Span(height, kernelH, padH, dilationH) < 0 || SlidingWindow.Span(width, kernelW, padW, dilationW) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelH), $"kernel {kernelH}x{kernelW} (dilation {dilationH}x{dilationW}) exceeds padded input {height + (2 * padH)}x{width + (2 * padW)}.");
        }
    }

    /// <summary>Gets N.</summary>
    public int Batch { get; }

    /// <summary>Gets C (input channels).</summary>
    public int InChannels { get; }

    /// <summary>Gets H (input rows).</summary>
    public int Height { get; }

    /// <summary>Gets W (input columns).</summary>
    public int Width { get; }

    /// <summary>Gets K (output channels).</summary>
    public int OutChannels { get; }

    /// <summary>Gets KH (kernel rows).</summary>
    public int KernelH { get; }

    /// <summary>Gets KW (kernel columns).</summary>
    public int KernelW { get; }

    /// <summary>Gets the vertical stride.</summary>
    public int StrideH { get; }

    /// <summary>Gets the horizontal stride.</summary>
    public int StrideW { get; }

    /// <summary>Gets the zero padding added above and below.</summary>
    public int PadH { get; }

    /// <summary>Gets the zero padding added left and right.</summary>
    public int PadW { get; }

    /// <summary>Gets the vertical dilation.</summary>
    public int DilationH { get; }

    /// <summary>Gets the horizontal dilation.</summary>
    public int DilationW { get; }

    /// <summary>Gets the number of groups (C and K are split into this many independent blocks).</summary>
    public int Groups { get; }

    /// <summary>Gets OH (output rows).</summary>
    public int OutHeight { get; }

    /// <summary>Gets OW (output columns).</summary>
    public int OutWidth { get; }

    /// <summary>Gets N·C·H·W, the input element count.</summary>
    public int InputSize => Batch * InChannels * Height * Width;

    /// <summary>Gets K·(C/groups)·KH·KW, the weight element count.</summary>
    public int WeightSize => OutChannels * (InChannels / Groups) * KernelH * KernelW;

    /// <summary>Gets N·K·OH·OW, the output element count.</summary>
    public int OutputSize => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Gets a value indicating whether the convolution is a pointwise 1×1, stride 1, unpadded one (no im2col).</summary>
    public bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1 && PadH == 0 && PadW == 0;

    /// <summary>Gets a value indicating whether each channel is convolved alone (groups == C == K).</summary>
    public bool IsDepthwise => Groups == InChannels && Groups == OutChannels;
}
