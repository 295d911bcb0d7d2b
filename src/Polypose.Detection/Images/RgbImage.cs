namespace Polypose.Detection.Images;

/// <summary>An 8-bit RGB image: <c>Pixels[(y · Width + x) · 3 + channel]</c>, rows top to bottom, channels R, G, B.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps pixel data (not copied).</summary>
    /// <exception cref="ArgumentException">The sizes are not positive or the data is not width × height × 3 bytes.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"{width}x{height} RGB needs {(long)width * height * 3} bytes, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Gets the width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets the interleaved RGB bytes.</summary>
    public byte[] Pixels { get; }
}
