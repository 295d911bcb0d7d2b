using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>
/// The association step of the pipeline, and the place where a learned cross-view assigner plugs in: given one frame's
/// 2D detections per view, decide which detections are the same person. Today's implementation is
/// <see cref="CrossViewAssociator"/> (candidate hypergraph + exact set packing, the teacher); DisPOSE Stage I's learned
/// assigner (dispose.md §3) is the next, consuming the same <see cref="Candidates.CandidateHypergraph"/> from a
/// <see cref="Candidates.CandidateHypergraphBuilder"/>. <c>MultiViewReconstructor</c> takes one through its constructor.
/// Implementations may keep scratch state between frames (one instance per worker).
/// </summary>
public interface ICrossViewAssigner
{
    /// <summary>
    /// Associates one frame: <paramref name="views"/>[v] are the detections of camera v (pixels in the original image,
    /// cameras world-to-camera in mm). Returns the groups (one detection index per view, −1 = absent), possibly a
    /// reused object valid until the next call. Frames where nothing can be associated give an empty result.
    /// </summary>
    AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views);
}
