namespace Polypose.Core.Poses;

/// <summary>The 2D persons seen at one time instant: <c>Views[v]</c> lists the detections of camera v (calibration order).</summary>
public sealed record MultiViewFrame(int FrameIndex, IReadOnlyList<IReadOnlyList<Person2D>> Views)
{
    /// <summary>Number of views.</summary>
    public int ViewCount => Views.Count;
}
