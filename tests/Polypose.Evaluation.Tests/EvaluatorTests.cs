using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Summary;

namespace Polypose.Evaluation.Tests;

/// <summary>The evaluation orchestration chooses its metrics from the ground truth's skeleton and pairs frames by number.</summary>
public sealed class EvaluatorTests
{
    private static Frame3D ShelfFrame(int index) => TestPoses.Frame(index, TestPoses.Shelf15(0), TestPoses.Shelf15(1, 2000), TestPoses.Shelf15(2, 0, 2000));

    [Fact]
    public void Evaluate_ShelfGroundTruth_RunsBothPcpProtocolsAndRootMetrics()
    {
        var gt = new[] { ShelfFrame(300), ShelfFrame(301) };
        var summary = Evaluator.Evaluate(gt, gt);
        Assert.Equal(1.0, summary.PcpVoxelPose!.Average);
        Assert.Equal(1.0, summary.PcpFourDAssociation!.Average);
        Assert.Equal(0.0, summary.Pose.Mpjpe);
        Assert.NotNull(summary.Root); // Shelf15 has a mid_hip
    }

    [Fact]
    public void Evaluate_GroundTruthFrameWithoutPrediction_CountsAsAnEmptyPrediction()
    {
        var gt = new[] { ShelfFrame(300), ShelfFrame(301) };
        var summary = Evaluator.Evaluate([gt[0]], gt);

        // VoxelPose protocol: a missing prediction makes every part of every actor wrong in that frame.
        Assert.Equal(0.5, summary.PcpVoxelPose!.Average!.Value, 12);
        Assert.Equal(2, summary.PcpVoxelPose.FrameCount);
    }

    [Fact]
    public void Evaluate_Coco17GroundTruth_ScoresPcpThroughTheShelfConversionButHasNoRootMetrics()
    {
        // COCO-17 has every limb joint (so PCP runs on its Shelf-15 conversion) but no mid_hip (so no root metrics).
        var gt = new[] { TestPoses.Frame(0, TestPoses.As(KnownSkeletons.Coco17, TestPoses.Shelf15(0))) };
        var summary = Evaluator.Evaluate(gt, gt);
        Assert.NotNull(summary.PcpVoxelPose);
        Assert.NotNull(summary.PcpFourDAssociation);
        Assert.Null(summary.Root);
        Assert.Equal(1, summary.Pose.GtCount);
    }

    [Fact]
    public void Evaluate_LookAlikeSkeletonNamedShelf15_IsNotTreatedAsShelf()
    {
        // Same name, no limb joints: by identity it is not Shelf-15, and it cannot be converted, so no PCP.
        var lookAlike = new Skeleton("shelf15", ["a", "b"], [-1, 0]);
        var person = new Person3D(0, lookAlike, [new(0, 0, 0), new(0, 0, 100)], [1, 1], [-1]);
        var gt = new[] { TestPoses.Frame(0, person) };
        var summary = Evaluator.Evaluate(gt, gt);
        Assert.Null(summary.PcpVoxelPose);
        Assert.Null(summary.PcpFourDAssociation);
    }
}
