namespace Polypose.Formats.Detections;

/// <summary>What a <see cref="DetectionSource"/> yields.</summary>
public enum DetectionInputKind
{
    /// <summary>4D Association text files: joint candidates and part-affinity matrices (<see cref="DetectionFrame.Paf"/>).</summary>
    FourDAssociationPaf,

    /// <summary>Per-person keypoints from OpenPose per-frame JSON or COCO result JSON (<see cref="DetectionFrame.People"/>).</summary>
    Keypoints,
}
