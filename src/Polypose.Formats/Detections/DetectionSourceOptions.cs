using Polypose.Core.Options;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>Options for <see cref="DetectionSource.Open"/>; every setting is checked when set.</summary>
public sealed record DetectionSourceOptions
{
    /// <summary>
    /// The frame index given to the first frame of 4D Association files, which carry no frame numbers (default 0; the
    /// Shelf files start at Shelf frame 300). JSON inputs take frame numbers from file names or image ids instead. Must be
    /// in [0, <see cref="MaxFirstFrameIndex"/>], so that every frame number of a file fits an <see cref="int"/>.
    /// </summary>
    public int FirstFrameIndex { get; init => field = OptionCheck.InRange(value, 0, MaxFirstFrameIndex, nameof(FirstFrameIndex)); }

    /// <summary>The largest <see cref="FirstFrameIndex"/>: leaves room for 100 million frames below <see cref="int.MaxValue"/>.</summary>
    public const int MaxFirstFrameIndex = int.MaxValue - 100_000_000;

    /// <summary>
    /// Whether every camera given to <see cref="DetectionSource.Open"/> must have detections (default true). When false,
    /// cameras without a detection file or folder are left out and <see cref="DetectionSource.CameraNames"/> lists the
    /// ones kept (a calibration of 31 CMU Panoptic HD cameras with detections for 5 of them).
    /// </summary>
    public bool RequireEveryCamera { get; init; } = true;

    /// <summary>The skeleton of JSON keypoints; null (default) infers it from the joint count (25/18/17).</summary>
    public Skeleton? Skeleton { get; init; }
}
