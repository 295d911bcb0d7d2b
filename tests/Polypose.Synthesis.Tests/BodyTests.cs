using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Tests;

public sealed class BodyTests
{
    private static Vec3[] Solve(BodyShape shape, PoseParameters pose, double heading = 0.3)
    {
        var j = new Vec3[25];
        BodyKinematics.Solve(shape, pose, new Vec3(1000, -500, 0), heading, j);
        return j;
    }

    [Fact]
    public void Solve_AnyPose_KeepsBoneLengths()
    {
        var shape = BodyShape.Sample(new Pcg32(3));
        var pose = new PoseParameters { LeftHipFlex = 0.7, LeftKnee = 1.1, RightShoulderFlex = 2.0, RightElbow = 0.9, TrunkLean = 0.4, LeftShoulderAbduction = 0.8 };
        var j = Solve(shape, pose);
        Assert.Equal(shape.Thigh, Vec3.Distance(j[12], j[13]), 6);
        Assert.Equal(shape.Shank, Vec3.Distance(j[13], j[14]), 6);
        Assert.Equal(shape.UpperArm, Vec3.Distance(j[2], j[3]), 6);
        Assert.Equal(shape.Forearm, Vec3.Distance(j[3], j[4]), 6);
        Assert.Equal(shape.Spine, Vec3.Distance(j[8], j[1]), 6);
        Assert.Equal(shape.HipWidth, Vec3.Distance(j[9], j[12]), 6);
    }

    [Fact]
    public void Solve_Standing_IsUprightWithStatureProportions()
    {
        var shape = BodyShape.FromHeight(Sex.Male, 1750);
        var j = Solve(shape, PoseParameters.Neutral);
        Assert.Equal(shape.AnkleHeight, Math.Min(j[11].Z, j[14].Z), 6);
        Assert.Equal(0.52 * 1750, j[8].Z, 1);
        Assert.InRange(j[16].Z, 0.90 * 1750, 0.97 * 1750); // eyes near 0.936 H (Drillis and Contini)
        Assert.InRange(j[1].Z, 0.80 * 1750, 0.86 * 1750);
        Assert.All(j, p => Assert.True(p.Z >= 0));
    }

    [Fact]
    public void Solve_SitAndCrouch_LowerThePelvisKeepFeetOnFloor()
    {
        var shape = BodyShape.FromHeight(Sex.Female, 1620);
        var stand = Solve(shape, PoseParameters.Neutral);
        var sit = Solve(shape, new PoseParameters { LeftHipFlex = 1.55, RightHipFlex = 1.55, LeftKnee = 1.55, RightKnee = 1.55 });
        var crouch = Solve(shape, new PoseParameters { LeftHipFlex = 1.7, RightHipFlex = 1.7, LeftKnee = 2.1, RightKnee = 2.1, TrunkLean = 0.5 });
        Assert.InRange(sit[8].Z, 0.25 * 1620, 0.33 * 1620); // seat at knee height
        Assert.True(crouch[8].Z < sit[8].Z);
        Assert.True(sit[8].Z < stand[8].Z);
        Assert.Equal(shape.AnkleHeight, Math.Min(sit[11].Z, sit[14].Z), 6);
        Assert.Equal(shape.AnkleHeight, Math.Min(crouch[11].Z, crouch[14].Z), 6);
    }

    [Fact]
    public void Solve_Heading_RotatesFaceDirection()
    {
        var shape = BodyShape.FromHeight(Sex.Male, 1750);
        var j = Solve(shape, PoseParameters.Neutral, heading: Math.PI / 2);
        Assert.True(j[0].Y > j[1].Y + 50); // nose ahead of the neck along +y
        Assert.True(j[5].X < j[2].X);      // facing +y, the left shoulder is at −x
    }

    [Fact]
    public void Sample_ManyAdults_MatchSexSpecificStature()
    {
        var rng = new Pcg32(11);
        var shapes = Enumerable.Range(0, 4000).Select(_ => BodyShape.Sample(rng)).ToList();
        var men = shapes.Where(s => s.Sex == Sex.Male).Select(s => s.Height).ToList();
        var women = shapes.Where(s => s.Sex == Sex.Female).Select(s => s.Height).ToList();
        Assert.InRange(men.Count, 1800, 2200);
        Assert.InRange(men.Average(), 1744, 1764);
        Assert.InRange(women.Average(), 1607, 1627);
        var sd = Math.Sqrt(men.Sum(h => (h - men.Average()) * (h - men.Average())) / men.Count);
        Assert.InRange(sd, 65, 85);
        Assert.All(shapes, s => Assert.True(s.Thigh > 0 && s.Shank > 0));
    }
}
