namespace Polypose.Detection.MoveNet;

/// <summary>
/// One person found by MoveNet MultiPose in one image: 17 COCO keypoints (<see cref="CocoKeypoint"/> order) as
/// original-image pixels (x right, y down) with scores in [0, 1], the box (pixels) and the person score.
/// <see cref="Normalized"/> keeps the raw network output row <c>[56]</c> (y, x, score per keypoint in [0, 1] of the
/// network input, then ymin, xmin, ymax, xmax, score).
/// </summary>
public sealed record DetectedPerson(
    IReadOnlyList<(double X, double Y, double Score)> Keypoints,
    (double XMin, double YMin, double XMax, double YMax) Box,
    double Score,
    IReadOnlyList<float> Normalized);
