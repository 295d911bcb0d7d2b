using Polypose.Evaluation.Conversion;
using Polypose.Evaluation.Metrics;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class ShelfGroundTruthTests
{
    private static IReadOnlyList<Core.Poses.Frame3D> ReadGt() => FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"));

    [SharedDataFact]
    public void Read_ShelfGt_ActorFrameCountsMatchReadme()
    {
        var frames = ReadGt();
        Assert.Equal(301, frames.Count);
        var counts = Enumerable.Range(0, 4).Select(id => frames.Count(f => f.People.Any(p => p.Id == id))).ToArray();
        Assert.Equal([279, 37, 161, 33], counts);
    }

    [SharedDataTheory]
    [InlineData(PcpProtocol.VoxelPose)]
    [InlineData(PcpProtocol.FourDAssociation)]
    public void Compute_GtAsShelf14Prediction_IsPerfect(PcpProtocol protocol)
    {
        // Arrange: the prediction is the GT passed through Shelf15 → Shelf14 (the hip centre is dropped and re-derived).
        var metric = new PcpMetric(protocol == PcpProtocol.VoxelPose ? PcpOptions.VoxelPose() : PcpOptions.FourDAssociation());

        // Act
        foreach (var gt in ReadGt())
        {
            metric.Add(ShelfConversion.ToShelf14(gt), gt);
        }

        var report = metric.Compute();

        // Assert
        Assert.Equal(301, report.FrameCount);
        Assert.Equal(protocol == PcpProtocol.VoxelPose ? 3 : 4, report.Actors.Count);
        Assert.All(report.Actors, a => Assert.Equal(1.0, a.Pcp));
        Assert.Equal(1.0, report.Average);
        Assert.Equal(1.0, report.Recall500);
        Assert.Equal(protocol == PcpProtocol.VoxelPose ? 279 + 37 + 161 : 279 + 37 + 161 + 33, report.GtInstances);
    }

    [SharedDataFact]
    public void Compute_GtAsPrediction_PoseApIsPerfect()
    {
        var pose = new PoseApMetric();
        var root = new RootApMetric();
        foreach (var gt in ReadGt())
        {
            pose.Add(gt, gt);
            root.Add(gt, gt);
        }

        var p = pose.Compute();
        Assert.Equal(279 + 37 + 161 + 33, p.GtCount);
        Assert.Equal(1.0, p.MeanAp, 4);
        Assert.Equal(0.0, p.Mpjpe);
        Assert.Equal(1.0, root.Compute().MeanAp, 4);
    }
}
