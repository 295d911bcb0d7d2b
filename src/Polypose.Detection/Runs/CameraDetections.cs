using Polypose.Core.Poses;

namespace Polypose.Detection.Runs;

/// <summary>
/// One camera's 2D people (COCO-17, original pixels, x right, y down) per frame number of that camera's own footage (for
/// videos the 0-based frame index in the file, before any sync offset; for image folders the number in the file name).
/// </summary>
/// <param name="Camera">The camera name.</param>
/// <param name="Frames">People per frame number (every frame that was read; an empty list where nobody was found).</param>
public sealed record CameraDetections(string Camera, IReadOnlyDictionary<int, IReadOnlyList<Person2D>> Frames)
{
    /// <summary>The people of a frame number (empty when the frame was not read or nobody was found).</summary>
    /// <param name="frame">Frame number.</param>
    public IReadOnlyList<Person2D> At(int frame) => Frames.TryGetValue(frame, out var people) ? people : [];

    /// <summary>Gets the total number of people over all frames.</summary>
    public int PersonCount => Frames.Values.Sum(p => p.Count);
}
