using Polypose.Core.Poses;

namespace Polypose.Synthesis.Projection;

/// <summary>
/// Detector-model detections of recorded 3D motion: per frame and view the BODY25 persons (pixels), and
/// <c>Identities[f][v][d]</c>, the ground-truth person id (<see cref="Person3D.Id"/> of the source frame) that
/// detection d came from, or −1 for a false positive.
/// </summary>
/// <param name="Detections">One <see cref="MultiViewFrame"/> per source frame, same frame numbers.</param>
/// <param name="Identities">The true id of every detection, <c>[frames][views][detections]</c>.</param>
public sealed record ProjectedDetections(IReadOnlyList<MultiViewFrame> Detections, IReadOnlyList<IReadOnlyList<int[]>> Identities);
