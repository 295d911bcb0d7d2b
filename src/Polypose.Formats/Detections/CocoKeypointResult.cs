using Polypose.Core.Poses;

namespace Polypose.Formats.Detections;

/// <summary>One entry of a COCO keypoint result file: the frame it belongs to, the person (pixels) and its detection score.</summary>
public sealed record CocoKeypointResult(int FrameIndex, Person2D Person, double Score);
