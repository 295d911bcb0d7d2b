using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>Options for <see cref="DetectionSource.Open"/>.</summary>
public sealed record DetectionSourceOptions
{
    /// <summary>
    /// The frame index given to the first frame of 4D Association files, which carry no frame numbers (default 0; the
    /// Shelf files start at Shelf frame 300). JSON inputs take frame numbers from file names or image ids instead.
    /// </summary>
    public int FirstFrameIndex { get; init; }

    /// <summary>The skeleton of JSON keypoints; null (default) infers it from the joint count (25/18/17).</summary>
    public Skeleton? Skeleton { get; init; }
}
