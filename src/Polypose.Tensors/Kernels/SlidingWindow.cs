namespace Polypose.Tensors.Kernels;

/// <summary>Output length of a sliding window (convolution, pooling) along one axis, PyTorch's floor rule.</summary>
internal static class SlidingWindow
{
    /// <summary>
    /// The span (size + 2·pad − dilation·(kernel − 1) − 1) that the window's first tap can travel; negative when the
    /// dilated kernel does not fit in the padded input. The output length is span / stride + 1.
    /// </summary>
    public static int Span(int size, int kernel, int pad, int dilation) => size + (2 * pad) - (dilation * (kernel - 1)) - 1;

    /// <summary>Output length span / stride + 1; only meaningful when <see cref="Span"/> is not negative.</summary>
    public static int OutputLength(int size, int kernel, int stride, int pad, int dilation) => (Span(size, kernel, pad, dilation) / stride) + 1;
}
