namespace Polypose.Learning.Evidence;

/// <summary>
/// How one view's original image (distorted pixels, <see cref="ImageWidth"/>×<see cref="ImageHeight"/>) meets its
/// evidence heatmaps (<see cref="HeatmapWidth"/>×<see cref="HeatmapHeight"/> heatmap pixels): the forward letterbox
/// affine and its inverse (DisPOSE 0.4).
/// </summary>
/// <param name="ImageWidth">Original image width (pixels).</param>
/// <param name="ImageHeight">Original image height (pixels).</param>
/// <param name="HeatmapWidth">Heatmap width (heatmap pixels).</param>
/// <param name="HeatmapHeight">Heatmap height (heatmap pixels).</param>
/// <param name="ImageToHeatmap">Original pixels → heatmap pixels.</param>
/// <param name="HeatmapToImage">Heatmap pixels → original pixels.</param>
public sealed record ViewAffine(int ImageWidth, int ImageHeight, int HeatmapWidth, int HeatmapHeight, ImageAffine ImageToHeatmap, ImageAffine HeatmapToImage);
