using Polypose.Core.Anatomy;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Body;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

public sealed class AnatomicalRectifierTests
{
    private static (Vec3[] Joints, double[] Confidence) Standing() =>
        (SyntheticScene.Pose(0, 0, 0.7), Enumerable.Repeat(0.9, 25).ToArray());

    [Fact]
    public void Rectify_PlausiblePerson_KeepsEveryJoint()
    {
        var (joints, conf) = Standing();
        var rejected = new AnatomicalRectifier(KnownSkeletons.Body25).Rectify(joints, conf);
        Assert.Equal(0, rejected);
        Assert.All(conf, c => Assert.Equal(0.9, c));
    }

    [Fact]
    public void Rectify_CorruptedWrist_RejectsWristOnly()
    {
        var (joints, conf) = Standing();
        var s = KnownSkeletons.Body25;
        var wrist = s["right_wrist"];
        joints[wrist] += new Vec3(0, 0, 700);
        var rejected = new AnatomicalRectifier(s).Rectify(joints, conf);

        Assert.Equal(1, rejected);
        Assert.Equal(0, conf[wrist]);
        Assert.Equal(Vec3.Zero, joints[wrist]);
        Assert.Equal(0.9, conf[s["right_elbow"]]);
        Assert.Equal(0.9, conf[s["right_shoulder"]]);
    }

    [Fact]
    public void Rectify_CorruptedElbow_RejectsElbowButChecksWristAgainstShoulder()
    {
        var (joints, conf) = Standing();
        var s = KnownSkeletons.Body25;
        joints[s["left_elbow"]] += new Vec3(500, 0, 0);
        new AnatomicalRectifier(s).Rectify(joints, conf);

        Assert.Equal(0, conf[s["left_elbow"]]);
        Assert.Equal(0.9, conf[s["left_shoulder"]]);

        // The wrist is still within forearm + upper-arm reach of the shoulder, so it survives.
        Assert.Equal(0.9, conf[s["left_wrist"]]);
    }

    [Fact]
    public void Rectify_WristFarFromShoulderWithElbowMissing_RejectsWrist()
    {
        var (joints, conf) = Standing();
        var s = KnownSkeletons.Body25;
        conf[s["left_elbow"]] = 0;
        joints[s["left_elbow"]] = Vec3.Zero;
        joints[s["left_wrist"]] += new Vec3(0, 900, 0);
        new AnatomicalRectifier(s).Rectify(joints, conf);
        Assert.Equal(0, conf[s["left_wrist"]]);
    }

    [Fact]
    public void Rectify_CorruptedWristWithPlausibleAlternative_KeepsRepairedWrist()
    {
        var (joints, conf) = Standing();
        var s = KnownSkeletons.Body25;
        var wrist = s["right_wrist"];
        var truth = joints[wrist];
        joints[wrist] += new Vec3(0, 0, 700);
        var asked = 0;
        int Alternatives(int joint, Span<Vec3> points, Span<double> confidences)
        {
            asked++;
            Assert.Equal(wrist, joint);

            // First alternative is still implausible, the second is the true wrist.
            points[0] = truth + new Vec3(600, 0, 0);
            confidences[0] = 0.8;
            points[1] = truth;
            confidences[1] = 0.7;
            return 2;
        }

        var rejected = new AnatomicalRectifier(s).Rectify(joints, conf, Alternatives);

        Assert.Equal(0, rejected);
        Assert.Equal(1, asked);
        Assert.Equal(truth, joints[wrist]);
        Assert.Equal(0.7, conf[wrist]);
    }

    [Fact]
    public void Rectify_NoPlausibleAlternative_RejectsJoint()
    {
        var (joints, conf) = Standing();
        var s = KnownSkeletons.Body25;
        var ankle = s["left_ankle"];
        joints[ankle] += new Vec3(0, 0, -900);
        static int None(int joint, Span<Vec3> points, Span<double> confidences) => 0;
        Assert.Equal(1, new AnatomicalRectifier(s).Rectify(joints, conf, None));
        Assert.Equal(0, conf[ankle]);
    }

    [Fact]
    public void BoneLengthTable_Body25Limbs_AreTabulatedInMillimetres()
    {
        Assert.True(BoneLengthTable.TryGet("right_elbow", "right_shoulder", out var upperArm));
        Assert.InRange(upperArm.Mean, 250, 380);
        Assert.True(BoneLengthTable.TryGet("left_knee", "left_ankle", out var shank));
        Assert.InRange(shank.Mean, 350, 480);
        Assert.False(BoneLengthTable.TryGet("nose", "left_ankle", out _));
    }
}
