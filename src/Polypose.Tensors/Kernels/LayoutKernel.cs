using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>Memory layout conversion between NCHW (<c>x[n, c, y, x]</c>) and NHWC (<c>x[n, y, x, c]</c>).</summary>
internal static class LayoutKernel
{
    /// <summary>dst[n, s, c] = src[n, c, s] for s over H·W.</summary>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="spatial">H·W.</param>
    /// <param name="src">[N, C, H·W].</param>
    /// <param name="dst">[N, H·W, C]; must not overlap <paramref name="src"/>.</param>
    public static void NchwToNhwc(int n, int c, int spatial, ReadOnlySpan<float> src, Span<float> dst)
        => Transpose(n, c, spatial, src, dst);

    /// <summary>dst[n, c, s] = src[n, s, c] for s over H·W.</summary>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="spatial">H·W.</param>
    /// <param name="src">[N, H·W, C].</param>
    /// <param name="dst">[N, C, H·W]; must not overlap <paramref name="src"/>.</param>
    public static void NhwcToNchw(int n, int c, int spatial, ReadOnlySpan<float> src, Span<float> dst)
        => Transpose(n, spatial, c, src, dst);

    /// <summary>Batched transpose of [rows, cols] matrices, in 32×32 tiles.</summary>
    private static void Transpose(int n, int rows, int cols, ReadOnlySpan<float> src, Span<float> dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        var size = n * rows * cols;
        SpanChecks.AtLeast(src.Length, size, nameof(src));
        SpanChecks.AtLeast(dst.Length, size, nameof(dst));
        if (size > 0 && src[..size].Overlaps(dst[..size]))
        {
            throw new ArgumentException("source and destination overlap.", nameof(dst));
        }

        const int Tile = 32;
        for (var b = 0; b < n; b++)
        {
            var s = src.Slice(b * rows * cols, rows * cols);
            var d = dst.Slice(b * rows * cols, rows * cols);
            for (var r0 = 0; r0 < rows; r0 += Tile)
            {
                for (var c0 = 0; c0 < cols; c0 += Tile)
                {
                    int r1 = Math.Min(r0 + Tile, rows), c1 = Math.Min(c0 + Tile, cols);
                    for (var r = r0; r < r1; r++)
                    {
                        for (var col = c0; col < c1; col++)
                        {
                            d[(col * rows) + r] = s[(r * cols) + col];
                        }
                    }
                }
            }
        }
    }
}
