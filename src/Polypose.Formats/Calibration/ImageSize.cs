namespace Polypose.Formats.Calibration;

/// <summary>An image size in pixels (width × height).</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>The Shelf dataset's image size, 1032 × 776.</summary>
    public static ImageSize Shelf => new(1032, 776);

    /// <summary>The Campus dataset's image size, 360 × 288.</summary>
    public static ImageSize Campus => new(360, 288);

    /// <summary>"WxH".</summary>
    public override string ToString() => $"{Width}x{Height}";
}
