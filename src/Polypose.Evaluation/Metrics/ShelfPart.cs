namespace Polypose.Evaluation.Metrics;

/// <summary>
/// One of the 10 Shelf/Campus PCP parts: its name, group and Shelf15 endpoint joints. The torso's start is the hip
/// centre (<see cref="ShelfPart.HipCentre"/>), resolved per protocol.
/// </summary>
public sealed record ShelfPart(string Name, BoneGroup Group, int Start, int End)
{
    /// <summary>Marker start index for the torso: the hip centre.</summary>
    public const int HipCentre = 14;

    /// <summary>The 10 parts in DisPOSE's order (dispose.md §8.3 item 4), Shelf15 joint indices.</summary>
    public static IReadOnlyList<ShelfPart> All { get; } =
    [
        new("right_lower_leg", BoneGroup.LowerLegs, 0, 1),
        new("right_upper_leg", BoneGroup.UpperLegs, 1, 2),
        new("left_upper_leg", BoneGroup.UpperLegs, 3, 4),
        new("left_lower_leg", BoneGroup.LowerLegs, 4, 5),
        new("right_lower_arm", BoneGroup.LowerArms, 6, 7),
        new("right_upper_arm", BoneGroup.UpperArms, 7, 8),
        new("left_upper_arm", BoneGroup.UpperArms, 9, 10),
        new("left_lower_arm", BoneGroup.LowerArms, 10, 11),
        new("head", BoneGroup.Head, 12, 13),
        new("torso", BoneGroup.Torso, HipCentre, 12),
    ];
}
