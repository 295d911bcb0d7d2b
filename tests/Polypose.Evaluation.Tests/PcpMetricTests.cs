using Polypose.Core.Skeletons;
using Polypose.Evaluation.Metrics;
using Polypose.Geometry;
using static Polypose.Evaluation.Tests.TestPoses;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class PcpMetricTests
{
    public static TheoryData<PcpProtocol> Protocols => [PcpProtocol.VoxelPose, PcpProtocol.FourDAssociation];

    private static PcpOptions For(PcpProtocol p) => p == PcpProtocol.VoxelPose ? PcpOptions.VoxelPose() : PcpOptions.FourDAssociation();

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Compute_PredictionEqualsGroundTruth_IsPerfect(PcpProtocol protocol)
    {
        // Arrange: three actors, predictions given in a different order.
        var gt = Frame(0, Shelf15(0), Shelf15(1, 2000), Shelf15(2, -2000, 1000));
        var pred = Frame(0, gt.People[2], gt.People[0], gt.People[1]);
        var metric = new PcpMetric(For(protocol));

        // Act
        metric.Add(pred, gt);
        var report = metric.Compute();

        // Assert
        Assert.Equal(3, report.Actors.Count);
        Assert.All(report.Actors, a => Assert.Equal(1.0, a.Pcp));
        Assert.All(report.Actors.SelectMany(a => a.Parts), p => Assert.Equal((1, 1), (p.Correct, p.Total)));
        Assert.Equal(1.0, report.Average);
        Assert.Equal(1.0, report.Recall500);
        Assert.Equal(6, report.BoneGroups.Count);
        Assert.All(report.BoneGroups, g => Assert.Equal(1.0, g.Rate));
    }

    [Theory]
    [InlineData(PcpProtocol.VoxelPose, 10)]
    [InlineData(PcpProtocol.FourDAssociation, 9)]
    public void Compute_LowerLegMovedByHalfItsLength_CorrectOnlyUnderLessOrEqual(PcpProtocol protocol, int expectedCorrect)
    {
        // Arrange: right lower leg ankle (0) → knee (1), L = 450 mm; both ends moved sideways by exactly 225 mm.
        var gt = Shelf15(0);
        var pred = Moved(Moved(gt, 0, new Vec3(0, 225, 0)), 1, new Vec3(0, 225, 0));
        var metric = new PcpMetric(For(protocol));

        // Act
        metric.Add(Frame(0, pred), Frame(0, gt));
        var actor = Assert.Single(metric.Compute().Actors);

        // Assert: the upper leg shares the knee but its mean error is 112.5 < 225, so only the lower leg can flip.
        Assert.Equal(expectedCorrect, actor.Parts.Sum(p => p.Correct));
        Assert.Equal(expectedCorrect == 10 ? 1 : 0, actor.Parts.Single(p => p.Name == "right_lower_leg").Correct);
    }

    [Fact]
    public void Compute_MissingPrediction_CountsWrongUnderVoxelPose()
    {
        var metric = new PcpMetric(PcpOptions.VoxelPose());
        metric.Add(Frame(0, Shelf15(0)), Frame(0, Shelf15(0)));
        metric.Add(Frame(1), Frame(1, Shelf15(0)));
        var actor = Assert.Single(metric.Compute().Actors);
        Assert.Equal((2, 2), (actor.Instances, actor.Scored));
        Assert.Equal(0.5, actor.Pcp);
        Assert.Equal(0.5, actor.Recall500);
    }

    [Fact]
    public void Compute_MissingPrediction_IgnoredUnderFourDAssociation()
    {
        var metric = new PcpMetric(PcpOptions.FourDAssociation());
        metric.Add(Frame(0, Shelf15(0)), Frame(0, Shelf15(0)));
        metric.Add(Frame(1), Frame(1, Shelf15(0)));
        var actor = Assert.Single(metric.Compute().Actors);
        Assert.Equal((2, 1), (actor.Instances, actor.Scored));
        Assert.Equal(1.0, actor.Pcp);
        Assert.Equal(0.5, actor.Recall500);
    }

    [Fact]
    public void Compute_OnePredictionTwoActors_NearestReusesItHungarianDoesNot()
    {
        // Two actors 3 m apart, one exact prediction for actor 0.
        var gt = Frame(0, Shelf15(0), Shelf15(1, 3000));
        var pred = Frame(0, Shelf15(7));
        var voxel = new PcpMetric(PcpOptions.VoxelPose());
        var fourD = new PcpMetric(PcpOptions.FourDAssociation());
        voxel.Add(pred, gt);
        fourD.Add(pred, gt);

        var v = voxel.Compute();
        var f = fourD.Compute();

        Assert.Equal(0.0, v.Actors.Single(a => a.ActorId == 1).Pcp); // scored against actor 0's pose, 3 m away
        Assert.Equal(0, f.Actors.Single(a => a.ActorId == 1).Scored);
        Assert.Null(f.Actors.Single(a => a.ActorId == 1).Pcp);
        Assert.Equal(1.0, f.Average);
        Assert.Equal(0.5, v.Average);
    }

    [Fact]
    public void Compute_PelvisOffButHipsRight_TorsoDiffersBetweenProtocols()
    {
        // The prediction's joint 14 (pelvis) is 700 mm low; its hips are exact. Torso length GT ≈ 610 mm.
        var gt = Shelf15(0);
        var pred = Moved(gt, 14, new Vec3(0, 0, -700));
        var voxel = new PcpMetric(PcpOptions.VoxelPose());
        var fourD = new PcpMetric(PcpOptions.FourDAssociation());
        voxel.Add(Frame(0, pred), Frame(0, gt));
        fourD.Add(Frame(0, pred), Frame(0, gt));

        Assert.Equal(1, voxel.Compute().Actors[0].Parts.Single(p => p.Name == "torso").Correct);
        Assert.Equal(0, fourD.Compute().Actors[0].Parts.Single(p => p.Name == "torso").Correct);
    }

    [Fact]
    public void Compute_VoxelPoseDefaults_ScoreActorsZeroToTwoOnly()
    {
        var gt = Frame(0, Shelf15(0), Shelf15(3, 3000));
        var voxel = new PcpMetric(PcpOptions.VoxelPose());
        var fourD = new PcpMetric(PcpOptions.FourDAssociation());
        voxel.Add(gt, gt);
        fourD.Add(gt, gt);
        Assert.Equal([0], voxel.Compute().Actors.Select(a => a.ActorId));
        Assert.Equal([0, 3], fourD.Compute().Actors.Select(a => a.ActorId));
        Assert.Equal("4d-association", fourD.Compute().Protocol);
        Assert.Equal("<", fourD.Compute().Comparison);
    }

    [Fact]
    public void Compute_Body25PredictionFromGtLimbs_LimbsAllCorrect()
    {
        var gt = Shelf15(0);
        var pred = As(KnownSkeletons.Body25, gt);
        var metric = new PcpMetric(PcpOptions.VoxelPose());
        metric.Add(Frame(0, pred), Frame(0, gt));
        var parts = metric.Compute().Actors[0].Parts;
        Assert.All(parts.Where(p => p.Name is not ("head" or "torso")), p => Assert.Equal(1, p.Correct));
    }

    [Fact]
    public void Add_NonShelfGroundTruth_Throws()
    {
        var metric = new PcpMetric();
        var gt = As(KnownSkeletons.Body25, Shelf15(0));
        var ex = Assert.Throws<ArgumentException>(() => metric.Add(Frame(0), Frame(4, gt)));
        Assert.Contains("body25", ex.Message, StringComparison.Ordinal);
    }
}
