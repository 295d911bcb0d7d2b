namespace Polypose.Reconstruction.CalibrationCheck;

/// <summary>
/// The result of <see cref="CalibrationChecker.Check"/>: residuals per camera (rig order), epipolar consistency per
/// camera pair, and the cameras found off (<see cref="OffCameras"/>, worst first; empty when the rig is consistent).
/// </summary>
public sealed record CalibrationCheckReport(
    IReadOnlyList<CameraResidual> Cameras,
    IReadOnlyList<CameraPairConsistency> Pairs,
    IReadOnlyList<string> OffCameras,
    IReadOnlyList<string> UnjudgedCameras)
{
    /// <summary>The camera that is most clearly off, or null.</summary>
    public string? WorstCamera => OffCameras.Count > 0 ? OffCameras[0] : null;

    /// <summary>The median epipolar distance (px) over the pairs that include <paramref name="camera"/> and have samples; NaN when none.</summary>
    public double EpipolarMedianOf(string camera)
    {
        var values = Pairs.Where(p => p.Samples > 0 && (p.CameraA == camera || p.CameraB == camera)).Select(p => p.MedianPixels).Order().ToList();
        return values.Count == 0 ? double.NaN : values[values.Count / 2];
    }
}
