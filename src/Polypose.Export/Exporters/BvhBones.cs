namespace Polypose.Export.Exporters;

/// <summary>How a BVH export treats bones whose length changes from frame to frame (reconstructed joints do).</summary>
public enum BvhBones
{
    /// <summary>
    /// Forward kinematics reproduces every written joint position (within the written precision, far below 1 mm): a
    /// joint whose distance to its parent ever differs from its rest (median) length gets per-frame
    /// <c>Xposition Yposition Zposition</c> channels that stretch its bone along the rest direction.
    /// </summary>
    Exact,

    /// <summary>
    /// Rigid bones of the median lengths and rotation channels only: forward kinematics places each joint at its parent
    /// + median length × the observed bone direction, so the joints drift from the input by the bone-length variation.
    /// </summary>
    Rigid,
}
