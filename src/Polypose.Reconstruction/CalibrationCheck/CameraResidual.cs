namespace Polypose.Reconstruction.CalibrationCheck;

/// <summary>
/// One camera's held-out reprojection residuals: each high-confidence joint it saw is triangulated from the other
/// cameras only and projected into it; the distance to its detection, in pixels (median, mean, 90th percentile).
/// <see cref="SystematicPixels"/> is the part that does not average out: the RMS over image regions of the median
/// residual vector in each (px), which a wrong rotation or position makes large while detection noise cancels;
/// <see cref="AngularSystematic"/> is it divided by the focal length (radians), comparable across resolutions.
/// </summary>
public sealed record CameraResidual(string Camera, int Samples, double MedianPixels, double MeanPixels, double P90Pixels, double SystematicPixels, double AngularSystematic);
