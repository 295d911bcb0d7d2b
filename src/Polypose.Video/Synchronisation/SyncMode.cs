namespace Polypose.Video.Synchronisation;

/// <summary>How cameras are synchronised (the <c>--sync</c> option).</summary>
public enum SyncMode
{
    /// <summary>Frames with the same index are the same instant.</summary>
    None,

    /// <summary>Offsets are estimated from the keypoints' motion (<see cref="FrameOffsetEstimator"/>).</summary>
    Auto,

    /// <summary>Offsets are given by the user.</summary>
    Fixed,
}
