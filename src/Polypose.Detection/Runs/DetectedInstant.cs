using Polypose.Core.Poses;

namespace Polypose.Detection.Runs;

/// <summary>
/// The 2D people of every camera at one instant of the footage, as <see cref="StreamedDetection"/> yields them: COCO-17,
/// original pixels (x right, y down).
/// </summary>
/// <param name="FrameNumber">The instant's frame number (0-based index for videos, the number in the file names for images).</param>
/// <param name="People">Per camera (source order), the people found, or null where the camera has no picture of this instant.</param>
/// <param name="SourceFrameNumbers">Per camera, the frame number in that camera's own footage (sync offset added); −1 where it has no picture.</param>
public sealed record DetectedInstant(int FrameNumber, IReadOnlyList<IReadOnlyList<Person2D>?> People, IReadOnlyList<int> SourceFrameNumbers)
{
    /// <summary>The instant as one multi-view frame (frame number <see cref="FrameNumber"/>; an empty view where a camera has no picture).</summary>
    public MultiViewFrame ToFrame() => new(FrameNumber, [.. People.Select(p => p ?? [])]);
}
