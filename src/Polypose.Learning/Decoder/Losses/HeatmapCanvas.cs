namespace Polypose.Learning.Decoder.Losses;

/// <summary>The canvas the one-sided Gaussian loss renders on (dispose.md 5.2, quirk 11.12).</summary>
public enum HeatmapCanvas
{
    /// <summary>
    /// Polypose's default: the dataset's own evidence grid (each view's letterboxed input divided by the stride, the
    /// heatmap the evidence is rendered on), so every in-image point is on the canvas.
    /// </summary>
    Dataset,

    /// <summary>
    /// The reference's fixed 960×512 input / 240×128 heatmap (stride 4) whatever the dataset: points are mapped to input
    /// pixels with the view affine and divided by 4; for taller letterboxes (Shelf, Campus) points below input y ≈ 536
    /// fall off it.
    /// </summary>
    Reference,
}
