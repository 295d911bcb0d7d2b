namespace Polypose.Synthesis.Bodies;

/// <summary>
/// Joint angles of the kinematic body, in radians, relative to standing upright with arms hanging. Flexion is positive
/// forward (hip, shoulder), knee and elbow flexion positive when bending; abduction positive away from the body;
/// trunk lean positive forward, roll positive towards the subject's left, twist and head yaw positive to the left.
/// </summary>
public readonly record struct PoseParameters
{
    public double TrunkLean { get; init; }

    public double TrunkRoll { get; init; }

    public double TrunkTwist { get; init; }

    public double HeadYaw { get; init; }

    public double HeadPitch { get; init; }

    public double LeftHipFlex { get; init; }

    public double LeftHipAbduction { get; init; }

    public double LeftKnee { get; init; }

    public double RightHipFlex { get; init; }

    public double RightHipAbduction { get; init; }

    public double RightKnee { get; init; }

    public double LeftShoulderFlex { get; init; }

    public double LeftShoulderAbduction { get; init; }

    public double LeftElbow { get; init; }

    public double RightShoulderFlex { get; init; }

    public double RightShoulderAbduction { get; init; }

    public double RightElbow { get; init; }

    /// <summary>Upright, arms hanging with a slight elbow bend.</summary>
    public static PoseParameters Neutral => new() { LeftElbow = 0.15, RightElbow = 0.15, LeftShoulderAbduction = 0.08, RightShoulderAbduction = 0.08 };

    /// <summary>Component-wise linear blend a + t (b − a).</summary>
    public static PoseParameters Lerp(in PoseParameters a, in PoseParameters b, double t)
    {
        double L(double x, double y) => x + ((y - x) * t);
        return new PoseParameters
        {
            TrunkLean = L(a.TrunkLean, b.TrunkLean),
            TrunkRoll = L(a.TrunkRoll, b.TrunkRoll),
            TrunkTwist = L(a.TrunkTwist, b.TrunkTwist),
            HeadYaw = L(a.HeadYaw, b.HeadYaw),
            HeadPitch = L(a.HeadPitch, b.HeadPitch),
            LeftHipFlex = L(a.LeftHipFlex, b.LeftHipFlex),
            LeftHipAbduction = L(a.LeftHipAbduction, b.LeftHipAbduction),
            LeftKnee = L(a.LeftKnee, b.LeftKnee),
            RightHipFlex = L(a.RightHipFlex, b.RightHipFlex),
            RightHipAbduction = L(a.RightHipAbduction, b.RightHipAbduction),
            RightKnee = L(a.RightKnee, b.RightKnee),
            LeftShoulderFlex = L(a.LeftShoulderFlex, b.LeftShoulderFlex),
            LeftShoulderAbduction = L(a.LeftShoulderAbduction, b.LeftShoulderAbduction),
            LeftElbow = L(a.LeftElbow, b.LeftElbow),
            RightShoulderFlex = L(a.RightShoulderFlex, b.RightShoulderFlex),
            RightShoulderAbduction = L(a.RightShoulderAbduction, b.RightShoulderAbduction),
            RightElbow = L(a.RightElbow, b.RightElbow),
        };
    }
}
