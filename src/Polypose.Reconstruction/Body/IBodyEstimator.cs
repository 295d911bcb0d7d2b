using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Body;

/// <summary>
/// The per-person body step of the pipeline, and the place where a learned pose decoder plugs in: given one associated
/// person (a detection index per view), estimate its 3D joints. Today's implementation is
/// <see cref="TriangulationBodyEstimator"/> (per-joint triangulation with worst-view dropout, then anatomical
/// rectification); DisPOSE Stage II's hypergraph convolutional decoder (dispose.md §4) is the next.
/// <see cref="MultiViewReconstructor"/> takes one through its constructor. Implementations may keep scratch state
/// between calls (one instance per worker).
/// </summary>
public interface IBodyEstimator
{
    /// <summary>
    /// Estimates person <paramref name="group"/> (detection index per view into <paramref name="views"/>, −1 = not seen;
    /// cameras world-to-camera in mm, pixels in the original image) in the frame's <paramref name="skeleton"/>: writes
    /// every joint's world position (mm, z-up) into <paramref name="joints"/> and its confidence into
    /// <paramref name="confidence"/> (0 = not reconstructed, with position <see cref="Vec3.Zero"/>); both spans have
    /// <paramref name="skeleton"/>.JointCount entries. Must never write NaN.
    /// </summary>
    void Estimate(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<IReadOnlyList<Person2D>> views,
        ReadOnlySpan<int> group,
        Skeleton skeleton,
        Span<Vec3> joints,
        Span<double> confidence);
}
