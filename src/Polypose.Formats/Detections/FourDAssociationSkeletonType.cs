namespace Polypose.Formats.Detections;

/// <summary>The skeleton-type enum in the header of 4D Association detection files (the first header integer).</summary>
public enum FourDAssociationSkeletonType
{
    /// <summary>The 4D Association internal 19-joint skeleton (18 PAFs).</summary>
    Skel19 = 0,

    /// <summary>17 joints (not supported by the reader).</summary>
    Skel17 = 1,

    /// <summary>15 joints (not supported by the reader).</summary>
    Skel15 = 2,

    /// <summary>OpenPose COCO-18 (not supported by the reader: its PAF order is not documented).</summary>
    Coco18 = 3,

    /// <summary>OpenPose BODY_25 (26 PAFs); the Shelf files use this.</summary>
    Body25 = 4,

    /// <summary>OptiTrack 21 joints (not supported).</summary>
    OptiTrack21 = 5,

    /// <summary>Shelf 15 joints (not supported for detections).</summary>
    Shelf15 = 6,

    /// <summary>MPII hand 21 joints (not supported).</summary>
    MpiiHand21 = 7,
}
