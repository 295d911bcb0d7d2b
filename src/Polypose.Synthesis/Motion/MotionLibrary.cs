using Polypose.Synthesis.Bodies;

namespace Polypose.Synthesis.Motion;

/// <summary>Target joint angles of each activity as smooth functions of time (seconds) and the agent's style values.</summary>
internal static class MotionLibrary
{
    /// <summary>Walking pose at gait phase φ (radians); amplitude scales with speed (1 ≈ 1.3 m/s).</summary>
    public static PoseParameters Walk(double phase, double amplitude)
    {
        var (s, c) = Math.SinCos(phase);
        var a = Math.Clamp(amplitude, 0, 1.3);
        return new PoseParameters
        {
            TrunkLean = 0.06 * a,
            TrunkTwist = 0.06 * a * s,
            LeftHipFlex = 0.38 * a * s,
            RightHipFlex = -0.38 * a * s,
            LeftKnee = 0.08 + (0.55 * a * Math.Max(0, c)),
            RightKnee = 0.08 + (0.55 * a * Math.Max(0, -c)),
            LeftShoulderFlex = -0.30 * a * s,
            RightShoulderFlex = 0.30 * a * s,
            LeftShoulderAbduction = 0.08,
            RightShoulderAbduction = 0.08,
            LeftElbow = 0.25 + (0.2 * a * Math.Max(0, -s)),
            RightElbow = 0.25 + (0.2 * a * Math.Max(0, s)),
        };
    }

    public static PoseParameters Stand(double t, double style)
    {
        var sway = Math.Sin((2 * Math.PI * 0.25 * t) + (style * 6));
        return PoseParameters.Neutral with
        {
            TrunkRoll = 0.025 * sway,
            LeftHipAbduction = 0.05 + (0.02 * sway),
            RightHipAbduction = 0.05 - (0.02 * sway),
            HeadYaw = 0.5 * Math.Sin((2 * Math.PI * 0.12 * t) + (style * 11)),
            HeadPitch = 0.1 * Math.Sin((2 * Math.PI * 0.07 * t) + style),
        };
    }

    public static PoseParameters Crouch(double t, double style)
    {
        var depth = 0.75 + (0.25 * style);
        return new PoseParameters
        {
            TrunkLean = 0.55 * depth,
            LeftHipFlex = 1.75 * depth,
            RightHipFlex = 1.70 * depth,
            LeftKnee = 2.15 * depth,
            RightKnee = 2.10 * depth,
            LeftHipAbduction = 0.15,
            RightHipAbduction = 0.15,
            LeftShoulderFlex = 0.6 + (0.2 * Math.Sin(2 * Math.PI * 0.3 * t)),
            RightShoulderFlex = 0.5,
            LeftElbow = 0.9,
            RightElbow = 0.8,
            HeadPitch = -0.2,
        };
    }

    public static PoseParameters Reach(double t, double style, bool left)
    {
        // style in [0, 1): low (floor-level shelf) to high (overhead) reach.
        var ramp = Math.Clamp(t / 1.2, 0, 1);
        ramp = ramp * ramp * (3 - (2 * ramp));
        var flex = (0.9 + (2.0 * style)) * ramp;
        var lean = style < 0.3 ? 0.5 * (0.3 - style) / 0.3 * ramp * 1.2 : 0.05;
        var p = PoseParameters.Neutral with
        {
            TrunkLean = lean,
            HeadPitch = (0.5 - style) * 0.5 * ramp,
            LeftHipFlex = lean * 0.6,
            RightHipFlex = lean * 0.6,
            LeftKnee = lean * 0.8,
            RightKnee = lean * 0.8,
        };
        var wiggle = 0.08 * Math.Sin(2 * Math.PI * 0.8 * t);
        return left
            ? p with { LeftShoulderFlex = flex + wiggle, LeftElbow = 0.15 + (0.3 * (1 - ramp)), LeftShoulderAbduction = 0.15 }
            : p with { RightShoulderFlex = flex + wiggle, RightElbow = 0.15 + (0.3 * (1 - ramp)), RightShoulderAbduction = 0.15 };
    }

    public static PoseParameters Gesture(double t, double style, bool left, bool both)
    {
        var f = 0.7 + (0.8 * style);
        var w = Math.Sin(2 * Math.PI * f * t);
        var ramp = Math.Clamp(t / 0.6, 0, 1);
        var abd = (0.5 + (0.6 * w)) * ramp;
        var elbow = (1.0 + (0.5 * Math.Sin((2 * Math.PI * f * t) + 1.3))) * ramp;
        var flex = (0.6 + (0.3 * Math.Cos(2 * Math.PI * f * 0.5 * t))) * ramp;
        var p = PoseParameters.Neutral with { HeadYaw = 0.3 * Math.Sin(2 * Math.PI * 0.2 * t), TrunkTwist = 0.1 * w * ramp };
        if (left || both)
        {
            p = p with { LeftShoulderAbduction = 0.1 + abd, LeftElbow = 0.15 + elbow, LeftShoulderFlex = flex };
        }

        if (!left || both)
        {
            p = p with { RightShoulderAbduction = 0.1 + (both ? (0.5 + (0.6 * -w)) * ramp : abd), RightElbow = 0.15 + elbow, RightShoulderFlex = flex };
        }

        return p;
    }

    public static PoseParameters Sit(double t, double style)
    {
        var lean = -0.12 + (0.15 * Math.Sin((2 * Math.PI * 0.1 * t) + (style * 5)));
        return new PoseParameters
        {
            TrunkLean = lean,
            LeftHipFlex = 1.55,
            RightHipFlex = 1.55,
            LeftKnee = 1.50 + (0.1 * style),
            RightKnee = 1.50 - (0.1 * style),
            LeftHipAbduction = 0.12,
            RightHipAbduction = 0.12,
            LeftShoulderFlex = 0.45,
            RightShoulderFlex = 0.45,
            LeftElbow = 1.1,
            RightElbow = 1.1,
            HeadYaw = 0.4 * Math.Sin((2 * Math.PI * 0.1 * t) + (style * 3)),
        };
    }
}
