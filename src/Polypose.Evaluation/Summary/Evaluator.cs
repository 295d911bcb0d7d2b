using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Conversion;
using Polypose.Evaluation.Metrics;

namespace Polypose.Evaluation.Summary;

/// <summary>Pairs prediction and ground-truth frames by frame number and runs every applicable metric.</summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluates <paramref name="predictions"/> on the frames of <paramref name="groundTruth"/> (a GT frame without a
    /// prediction frame counts as an empty prediction). PCP runs when the GT is Shelf-14/15; root metrics when it has a mid_hip.
    /// The summary's <see cref="EvaluationSummary.Frames"/> says how many frames were matched; a frame number that appears
    /// twice in either set throws <see cref="ArgumentException"/>.
    /// </summary>
    public static EvaluationSummary Evaluate(IReadOnlyList<Frame3D> predictions, IReadOnlyList<Frame3D> groundTruth)
    {
        var match = FrameMatch.Of(predictions, groundTruth);
        var byFrame = new Dictionary<int, Frame3D>();
        foreach (var p in predictions)
        {
            byFrame[p.FrameIndex] = p;
        }

        var gtSkeleton = groundTruth.SelectMany(f => f.People).Select(p => p.Skeleton).FirstOrDefault();
        var shelf = gtSkeleton is not null && KnownSkeletons.IsShelf(gtSkeleton);
        var hasRoot = gtSkeleton is not null && gtSkeleton.IndexOf("mid_hip") >= 0;
        var convertible = gtSkeleton is not null && !shelf && ShelfConversion.CoversLimbs(gtSkeleton);
        var ids = groundTruth.SelectMany(f => f.People).Select(p => p.Id).Distinct().Order().ToList();
        var pcpA = shelf ? new PcpMetric(PcpOptions.VoxelPose())
            : convertible ? new PcpMetric(PcpOptions.VoxelPose() with { Actors = null, AverageActors = ids }) : null;
        var pcpB = shelf ? new PcpMetric(PcpOptions.FourDAssociation())
            : convertible ? new PcpMetric(PcpOptions.FourDAssociation() with { AverageActors = ids }) : null;
        var pose = new PoseApMetric();
        var root = hasRoot ? new RootApMetric() : null;
        foreach (var gt in groundTruth)
        {
            var pred = byFrame.TryGetValue(gt.FrameIndex, out var f) ? f : new Frame3D(gt.FrameIndex, []);
            var gtForPcp = convertible ? ShelfConversion.ToShelf15(gt) : gt;
            pcpA?.Add(pred, gtForPcp);
            pcpB?.Add(pred, gtForPcp);
            pose.Add(pred, gt);
            root?.Add(pred, gt);
        }

        return new EvaluationSummary(pcpA?.Compute(), pcpB?.Compute(), pose.Compute(), root?.Compute(), Polypose.Evaluation.Tracking.TrackingMetric.Compute(predictions, groundTruth))
        {
            Frames = match,
        };
    }
}
