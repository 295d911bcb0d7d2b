namespace Polypose.Learning.Assignment;

/// <summary>
/// What Stage I training does with detections that no pseudo-label person claims (learning.md 3, reference quirk
/// 11.4).
/// </summary>
public enum DistractorNodes
{
    /// <summary>Keep them as graph nodes, so training sees the false positives inference will meet (Polypose's default).</summary>
    Keep,

    /// <summary>Remove them (the reference: their score is zeroed, so every training node belongs to a real person).</summary>
    Remove,
}
