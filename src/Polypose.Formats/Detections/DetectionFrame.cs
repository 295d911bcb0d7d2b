using Polypose.Core.Poses;

namespace Polypose.Formats.Detections;

/// <summary>
/// The detections of all views at one frame. Exactly one of <see cref="Paf"/> (bottom-up 4D Association evidence,
/// one <see cref="PafFrame"/> per view in camera order) and <see cref="People"/> (per view, the persons detected; an
/// empty list when the view has no file for this frame) is set.
/// </summary>
public sealed record DetectionFrame(int FrameIndex, IReadOnlyList<PafFrame>? Paf, IReadOnlyList<IReadOnlyList<Person2D>>? People)
{
    /// <summary>Number of views.</summary>
    public int ViewCount => Paf?.Count ?? People?.Count ?? 0;
}
