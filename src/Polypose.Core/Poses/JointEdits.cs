namespace Polypose.Core.Poses;

/// <summary>
/// What post-processing did to one joint of one person in one frame (the per-joint <c>flags</c> of the 3D pose JSON).
/// None = the value is as reconstructed (possibly smoothed).
/// </summary>
[Flags]
public enum JointEdits
{
    /// <summary>Measured (reconstructed or annotated); smoothing may have moved it.</summary>
    None = 0,

    /// <summary>The joint was missing and its position was interpolated by gap filling.</summary>
    Filled = 1,

    /// <summary>The measured value was rejected as an outlier (Hampel) and replaced by the local median.</summary>
    Rejected = 2,
}
