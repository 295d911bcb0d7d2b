using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// One root (mid-hip) candidate slot of a view (DisPOSE 2.3): integer heatmap pixel (x, y), its heatmap score, and the
/// same point in original pixels. An empty slot has score 0 and zero coordinates.
/// </summary>
/// <param name="HeatmapX">Column in heatmap pixels.</param>
/// <param name="HeatmapY">Row in heatmap pixels.</param>
/// <param name="Score">Root heatmap value (0 for an empty slot).</param>
/// <param name="Image">Position in original (distorted) image pixels.</param>
public readonly record struct RootCandidate(int HeatmapX, int HeatmapY, double Score, Vec2 Image)
{
    /// <summary>True for a slot that holds a candidate (score &gt; 0): a Stage I node.</summary>
    public bool IsNode => Score > 0;
}
