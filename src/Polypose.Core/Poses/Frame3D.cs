namespace Polypose.Core.Poses;

/// <summary>The persons reconstructed (or annotated) at one time instant.</summary>
public sealed record Frame3D(int FrameIndex, IReadOnlyList<Person3D> People)
{
    /// <summary>
    /// Set only when this frame's cross-view selection was not proven optimal (a crowd past the exact solver's budget
    /// takes the bounded-time approximation): the gap between its proven upper bound and its objective, in the
    /// association's objective units (≥ 0). Null when the selection was proven optimal, or when no exact selection was
    /// made (annotations, a learned assigner).
    /// </summary>
    public double? OptimalityGap { get; init; }
}
