namespace Polypose.Reconstruction.CalibrationCheck;

/// <summary>
/// The epipolar consistency of two cameras: for every high-confidence joint both saw on the same person, the symmetric
/// distance (px, undistorted pixels) between each point and the other's epipolar line; <see cref="BaselineMillimetres"/>
/// is the distance between the camera centres.
/// </summary>
public sealed record CameraPairConsistency(string CameraA, string CameraB, int Samples, double MedianPixels, double P90Pixels, double BaselineMillimetres);
