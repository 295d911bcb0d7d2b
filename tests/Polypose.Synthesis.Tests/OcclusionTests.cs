using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Rigs;

namespace Polypose.Synthesis.Tests;

public sealed class OcclusionTests
{
    private static readonly Camera Cam = RigBuilder.LookAt("c", 1280, 720, new Intrinsics(900, 900, 639.5, 359.5), new Vec3(0, -4000, 1200), new Vec3(0, 0, 1000));

    /// <summary>Two standing people on the camera's axis (front at y = 0, back at y = <paramref name="backY"/>) both facing the camera.</summary>
    private static BodyFrame Pair(double backY, double backX = 0)
    {
        var shape = BodyShape.FromHeight(Sex.Male, 1750);
        var joints = new Vec3[50];
        BodyKinematics.Solve(shape, PoseParameters.Neutral, new Vec3(0, 0, 0), -Math.PI / 2, joints.AsSpan(0, 25));
        BodyKinematics.Solve(shape, PoseParameters.Neutral, new Vec3(backX, backY, 0), -Math.PI / 2, joints.AsSpan(25, 25));
        var frame = new BodyFrame();
        frame.Set(joints, [1750, 1750]);
        return frame;
    }

    [Fact]
    public void IsOccluded_PersonDirectlyBehind_LosesTorsoJointsFrontKeepsThem()
    {
        var f = Pair(1500);
        foreach (var j in new[] { 1, 8, 9, 12 })
        {
            Assert.False(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, j), $"front joint {j}");
            Assert.True(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 1, j), $"back joint {j}");
        }
    }

    [Fact]
    public void IsOccluded_PersonBesideNotBehind_SeesEverything()
    {
        var f = Pair(1500, backX: 1500);
        for (var j = 0; j < 17; j++) // the ears (17, 18) are excluded: seen obliquely, the left ear is on the far side of the head
        {
            Assert.False(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 1, j), $"joint {j}");
        }
    }

    [Fact]
    public void IsOccluded_FacingAway_HidesNoseAndEyes()
    {
        var shape = BodyShape.FromHeight(Sex.Female, 1650);
        var joints = new Vec3[25];
        BodyKinematics.Solve(shape, PoseParameters.Neutral, Vec3.Zero, Math.PI / 2, joints); // faces +y, away from the camera
        var f = new BodyFrame();
        f.Set(joints, [1650]);
        Assert.True(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, 0));
        Assert.True(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, 15));
        Assert.False(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, 8));
    }

    [Fact]
    public void IsOccluded_SideView_FarShoulderHiddenByChest()
    {
        var shape = BodyShape.FromHeight(Sex.Male, 1750);
        var joints = new Vec3[25];
        BodyKinematics.Solve(shape, PoseParameters.Neutral, Vec3.Zero, 0, joints); // faces +x: left side (+y) away from the camera at −y
        var f = new BodyFrame();
        f.Set(joints, [1750]);
        Assert.True(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, 5));
        Assert.False(Occlusion.IsOccluded(Cam.Center, f.Joints, f.Volumes, f.Bounds, 0, 2));
    }
}
