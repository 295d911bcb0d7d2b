using Polypose.Geometry;

namespace Polypose.Reconstruction.Body;

/// <summary>
/// Supplies alternative estimates of joint <paramref name="joint"/> (world mm, with confidences), best first, into the
/// given spans; returns how many were written (at most the spans' length).
/// </summary>
public delegate int JointAlternatives(int joint, Span<Vec3> points, Span<double> confidences);
