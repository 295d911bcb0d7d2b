namespace Polypose.Core.Skeletons;

/// <summary>
/// How one target joint of a <see cref="JointMapping"/> is produced: copied from source joint <see cref="First"/>
/// (<see cref="Second"/> = −1), the mean of source joints <see cref="First"/> and <see cref="Second"/> (score = the
/// minimum of the two), or not at all (<see cref="First"/> = −1: score/confidence 0).
/// </summary>
public readonly record struct JointSource(int First, int Second)
{
    /// <summary>A joint the source skeleton cannot produce.</summary>
    public static JointSource None => new(-1, -1);

    /// <summary>True when the target joint can be produced.</summary>
    public bool IsMapped => First >= 0;

    /// <summary>True when the target joint is synthesized as a mean of two source joints.</summary>
    public bool IsSynthesized => First >= 0 && Second >= 0;
}
