namespace Polypose.Tensors.Kernels;

/// <summary>How <see cref="GridSampleKernel"/> treats sample taps outside the input (PyTorch <c>padding_mode</c>).</summary>
public enum GridSamplePadding
{
    /// <summary>Taps outside the image read 0 (<c>"zeros"</c>).</summary>
    Zeros,

    /// <summary>Sample coordinates are clamped to [0, size − 1] first (<c>"border"</c>); clamped coordinates get zero gradient.</summary>
    Border,
}
