namespace Polypose.Learning.Evidence;

/// <summary>
/// Where the root channel of a detection without a mid-hip comes from (<see cref="RenderedRoot"/>). Stored in a model's
/// configuration (<see cref="Stage1Config.RootFallback"/>); model files written before it existed read as
/// <see cref="Hips"/>, so their outputs do not change.
/// </summary>
public enum RootFallback
{
    /// <summary>The mean of the detected hips; no root when neither hip is detected (the reference).</summary>
    Hips,

    /// <summary>As <see cref="Hips"/>, and with no hip detected, a root estimated from the torso (<see cref="TorsoRoot"/>).</summary>
    Torso,
}
