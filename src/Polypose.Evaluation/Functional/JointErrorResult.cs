namespace Polypose.Evaluation.Functional;

/// <summary>
/// A mean joint error in millimetres over <see cref="JointCount"/> compared joints. When no joint could be compared
/// (<see cref="IsValid"/> false) <see cref="Value"/> is 0 and must not be used.
/// </summary>
public readonly record struct JointErrorResult(double Value, int JointCount)
{
    /// <summary>The result for "nothing to compare".</summary>
    public static JointErrorResult Invalid => default;

    /// <summary>True when at least one joint was compared.</summary>
    public bool IsValid => JointCount > 0;
}
