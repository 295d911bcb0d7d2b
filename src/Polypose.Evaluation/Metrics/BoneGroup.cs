namespace Polypose.Evaluation.Metrics;

/// <summary>The bone groups of the Shelf/Campus PCP breakdown.</summary>
public enum BoneGroup
{
    /// <summary>bottom_head → top_head.</summary>
    Head,

    /// <summary>hip centre → bottom_head.</summary>
    Torso,

    /// <summary>Shoulder → elbow, both sides.</summary>
    UpperArms,

    /// <summary>Elbow → wrist, both sides.</summary>
    LowerArms,

    /// <summary>Hip → knee, both sides.</summary>
    UpperLegs,

    /// <summary>Knee → ankle, both sides.</summary>
    LowerLegs,
}
