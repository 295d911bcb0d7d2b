using Polypose.Core.Anatomy;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Tests;

public sealed class BonePriorTests
{
    [Fact]
    public void TryGetParentBone_UpperArm_WidensTheTableSdByTheNoiseInQuadrature()
    {
        var s = KnownSkeletons.Body25;
        var prior = new BonePrior(s, new BonePriorOptions { MeasurementNoise = 40 });

        // Upper arm: 0.186 · 1700 mm = 316.2 mm, sd 9 % = 28.458 mm; √(28.458² + 40²) = 49.0904 mm.
        Assert.True(prior.TryGetParentBone(s["right_elbow"], out var arm));
        Assert.Equal(316.2, arm.Mean, 1e-9);
        Assert.Equal(49.0904, arm.StandardDeviation, 1e-4);
        Assert.False(prior.TryGetParentBone(s["mid_hip"], out _));
    }

    [Fact]
    public void Accepts_UsesTheSigmaOfItsOptions()
    {
        var s = KnownSkeletons.Body25;
        var prior = new BonePrior(s, new BonePriorOptions { Sigma = 2, MeasurementNoise = 0 });
        Assert.True(prior.TryGetParentBone(s["right_elbow"], out var arm));

        // mean 316.2 mm, sd 28.458 mm: the interval is 316.2 ± 56.916 mm.
        Assert.True(prior.Accepts(arm, 316.2 + 56.9));
        Assert.False(prior.Accepts(arm, 316.2 + 57.0));
        Assert.Equal(373.116, prior.Upper(arm), 1e-9);
    }

    [Fact]
    public void CountBones_OneStretchedForearm_CountsOneFailure()
    {
        var s = KnownSkeletons.Body25;
        var prior = new BonePrior(s);
        var joints = Testing.SyntheticScene.Pose(0, 0, 0.3);
        var present = Enumerable.Repeat(true, s.JointCount).ToArray();
        prior.CountBones(joints, present, out var pass, out var fail);
        Assert.Equal(0, fail);
        Assert.True(pass > 15);

        joints[s["left_wrist"]] += new Vec3(0, 0, -600);
        prior.CountBones(joints, present, out var pass2, out var fail2);
        Assert.Equal(1, fail2);
        Assert.Equal(pass - 1, pass2);

        present[s["left_wrist"]] = false;
        prior.CountBones(joints, present, out var pass3, out var fail3);
        Assert.Equal((pass - 1, 0), (pass3, fail3));
    }
}
