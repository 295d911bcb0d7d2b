namespace Polypose.Learning.Decoder;

/// <summary>
/// The six body parts of the person–part hypergraph (dispose.md 4.2): 0 torso (neck, mid-hip), 1 head (nose), 2 left
/// arm (3, 4, 5), 3 right arm (9, 10, 11), 4 left leg (6, 7, 8), 5 right leg (12, 13, 14), Panoptic-15 joint order.
/// </summary>
public static class BodyParts
{
    /// <summary>The number of parts.</summary>
    public const int Count = 6;

    private static readonly int[] PartOfJoint = [0, 1, 0, 2, 2, 2, 4, 4, 4, 3, 3, 3, 5, 5, 5];

    /// <summary>The part of each Panoptic-15 joint (length 15).</summary>
    public static IReadOnlyList<int> OfJoint => PartOfJoint;
}
