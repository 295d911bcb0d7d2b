using Polypose.Geometry;

namespace Polypose.Learning;

/// <summary>
/// What the full DisPOSE model found in one frame: Stage I's <see cref="Stage1Result"/> and, for each of its decoded
/// roots (same order), the decoder's last-layer joints <see cref="Poses"/> <c>[roots][15]</c> (Panoptic-15, world mm,
/// z-up) and their confidence <see cref="Confidence"/> <c>[roots][15]</c> (the largest triangulation view weight of
/// the joint, in (0, 1]; 0 where the joint was not triangulated and only the T-pose prior is left).
/// </summary>
/// <param name="Stage1">Stage I's graph, masses and roots.</param>
/// <param name="Poses">Joints per decoded root.</param>
/// <param name="Confidence">Per-joint confidence per decoded root.</param>
public sealed record DisposeResult(Stage1Result Stage1, Vec3[][] Poses, double[][] Confidence);
