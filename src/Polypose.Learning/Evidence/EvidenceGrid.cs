using Polypose.Core.Options;
using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The grid of the per-view evidence (learning.md 2, DisPOSE 0.4): the letterboxed network input size and the heatmap
/// stride (heatmap pixel i ↔ input pixel stride·i, no half-pixel offsets). Reference: 960×512 input, stride 4 → a
/// 240×128 heatmap (Panoptic); Shelf 800×608.
/// </summary>
public sealed record EvidenceGrid
{
    private readonly int _inputWidth = 960;
    private readonly int _inputHeight = 512;
    private readonly int _stride = 4;

    /// <summary>Network input width W_in (pixels); a multiple of <see cref="Stride"/>.</summary>
    public int InputWidth
    {
        get => _inputWidth;
        init => _inputWidth = OptionCheck.AtLeast(value, 4, nameof(InputWidth));
    }

    /// <summary>Network input height H_in (pixels); a multiple of <see cref="Stride"/>.</summary>
    public int InputHeight
    {
        get => _inputHeight;
        init => _inputHeight = OptionCheck.AtLeast(value, 4, nameof(InputHeight));
    }

    /// <summary>Input pixels per heatmap pixel (reference 4).</summary>
    public int Stride
    {
        get => _stride;
        init => _stride = OptionCheck.InRange(value, 1, 64, nameof(Stride));
    }

    /// <summary>Heatmap width W_hm = W_in / stride.</summary>
    public int HeatmapWidth => InputWidth / Stride;

    /// <summary>Heatmap height H_hm = H_in / stride.</summary>
    public int HeatmapHeight => InputHeight / Stride;

    /// <summary>
    /// The affines of a view whose original image is <paramref name="imageWidth"/>×<paramref name="imageHeight"/>:
    /// original pixels ↔ heatmap pixels (the forward letterbox to the input, divided by the stride), rotation included.
    /// </summary>
    public ViewAffine For(int imageWidth, int imageHeight, double rotationDegrees = 0) => For(imageWidth, imageHeight, rotationDegrees, 1, Vec2.Zero);

    /// <summary>
    /// The affines of an augmented view (the letterbox box scaled by <paramref name="scaleFactor"/> — above 1 zooms
    /// out — and its centre moved by <paramref name="shift"/> original pixels, then rotated); with factor 1 and no shift
    /// it is <see cref="For(int, int, double)"/>.
    /// </summary>
    public ViewAffine For(int imageWidth, int imageHeight, double rotationDegrees, double scaleFactor, Vec2 shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scaleFactor);
        var center = new Vec2(imageWidth / 2.0, imageHeight / 2.0) + shift;
        var scale = Letterbox.Scale(imageWidth, imageHeight, InputWidth, InputHeight) * scaleFactor;
        var toInput = Letterbox.Forward(center, scale, rotationDegrees, InputWidth, InputHeight);
        var fromInput = Letterbox.Inverse(center, scale, rotationDegrees, InputWidth, InputHeight);
        var fromHeatmap = new ImageAffine(
            fromInput.A00 * Stride, fromInput.A01 * Stride, fromInput.A02, fromInput.A10 * Stride, fromInput.A11 * Stride, fromInput.A12);
        return new ViewAffine(imageWidth, imageHeight, HeatmapWidth, HeatmapHeight, toInput.ThenScale(1.0 / Stride), fromHeatmap);
    }
}
