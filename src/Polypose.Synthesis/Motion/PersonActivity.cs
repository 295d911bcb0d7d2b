namespace Polypose.Synthesis.Motion;

/// <summary>What a synthetic person is doing.</summary>
public enum PersonActivity
{
    /// <summary>Walking to a waypoint with a gait cycle (legs and arms swing), turning smoothly, avoiding others.</summary>
    Walk,

    /// <summary>Standing with postural sway and head turns.</summary>
    Stand,

    /// <summary>Crouching (deep knee and hip flexion, trunk leaning forward).</summary>
    Crouch,

    /// <summary>Reaching forward and up (or down) with one arm.</summary>
    Reach,

    /// <summary>Arm gestures: waving and pointing with one or both arms.</summary>
    Gesture,

    /// <summary>Sitting down on an implicit chair (thighs horizontal, shanks vertical).</summary>
    Sit,
}
