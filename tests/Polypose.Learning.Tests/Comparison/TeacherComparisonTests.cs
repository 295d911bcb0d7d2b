using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning.Comparison;
using Polypose.Learning.Training;
using Polypose.Testing;

namespace Polypose.Learning.Tests.Comparison;

public sealed class TeacherComparisonTests
{
    [Fact]
    public void Run_TeacherAgainstAnAssignerThatGroupsNothing_ScoresBothRowsOnTheSameFrames()
    {
        var set = HeldOutSets.Build("rig4").Take(4);
        var result = TeacherComparison.Run(set, [new AssignerRow("teacher", () => new CrossViewAssociator()), new AssignerRow("nothing", () => new NoGroups())]);
        Assert.Equal(["teacher", "nothing"], result.Rows.Select(r => r.Name));
        Assert.Equal(20, result.Frames);
        var (teacher, nothing) = (result.Rows[0], result.Rows[1]);

        // The exact association on 4-camera synthetic scenes pairs most true pairs and few wrong ones.
        Assert.True(teacher.Association!.F1 > 0.8, $"teacher F1 {teacher.Association.F1}");
        Assert.True(teacher.Association.Precision > 0.9);
        Assert.True(teacher.Root.Recall500 > 0.8);

        // Grouping nothing: no claim (precision 1 by convention), nothing recalled, no person reconstructed.
        Assert.Equal(teacher.Association.TruePairs, nothing.Association!.TruePairs);
        Assert.Equal((1.0, 0.0, 0L), (nothing.Association.Precision, nothing.Association.Recall, nothing.Association.PredictedPairs));
        Assert.Equal(0, nothing.Root.PredictionCount);
        Assert.Equal(teacher.Root.GtCount, nothing.Root.GtCount);
        Assert.Null(teacher.PcpVoxelPose);
    }

    [Fact]
    public void Run_SameAssignerTwice_IdenticalRows()
    {
        var set = HeldOutSets.Build("crowd").Take(3);
        var result = TeacherComparison.Run(set, [new AssignerRow("a", () => new CrossViewAssociator()), new AssignerRow("b", () => new CrossViewAssociator())]);
        Assert.Equal(result.Rows[0].Association, result.Rows[1].Association);
        Assert.Equal(result.Rows[0].Root.Ap.Select(e => e.Ap), result.Rows[1].Root.Ap.Select(e => e.Ap));
        Assert.Equal(result.Rows[0].Root.Mde, result.Rows[1].Root.Mde);
    }

    [Fact]
    public void Run_SeveralScenes_PoseMetricsOverEveryFrameAndPersonOfEveryScene()
    {
        // rig4: five scenes of 4 people; their frame numbers and person ids repeat from scene to scene.
        var set = HeldOutSets.Build("rig4").Take(2);
        var row = TeacherComparison.Run(set, [new AssignerRow("teacher", () => new CrossViewAssociator())]).Rows[0];
        var pose = row.Pose!;
        Assert.Equal(10, pose.Ap.FrameCount);
        Assert.Equal(set.Scenes.Sum(s => s.GroundTruth.Sum(f => f.People.Count)), pose.Ap.GtCount);
        Assert.Equal(row.Root.PredictionCount, pose.Ap.PredictionCount);

        // Synthetic ground truth is scored with PCP through the Shelf-15 conversion, averaged over the 20 actors (5 x 4).
        Assert.Equal(20, pose.PcpVoxelPose!.AverageActorIds.Count);
        Assert.True(pose.PcpVoxelPose.Average > 0.8, $"PCP {pose.PcpVoxelPose.Average}");
        Assert.InRange(pose.Ap.Mpjpe!.Value, 10, 100);
        Assert.Null(row.PcpVoxelPose);
    }

    [SharedDataFact]
    public void Run_Shelf_ReportsPcpWithoutAssociationAccuracy()
    {
        var set = HeldOutSets.Build("shelf", SharedData.DataRoot).Take(20);
        var row = TeacherComparison.Run(set, [new AssignerRow("teacher", () => new CrossViewAssociator())]).Rows[0];
        Assert.Null(row.Association);
        Assert.NotNull(row.PcpVoxelPose);
        Assert.True(row.PcpVoxelPose!.Average > 0.8, $"Shelf PCP {row.PcpVoxelPose.Average}");

        // One scene: the pose scores' Shelf PCP is the same figure.
        Assert.Equal(row.PcpVoxelPose.Average, row.Pose!.PcpVoxelPose!.Average);
        Assert.Equal(row.PcpFourDAssociation!.Average, row.Pose.PcpFourDAssociation!.Average);
    }

    private sealed class NoGroups : ICrossViewAssigner
    {
        private readonly AssociationResult _result = new();

        public AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
        {
            _result.Reset(views.Count);
            return _result;
        }
    }
}
