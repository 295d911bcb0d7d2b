using Polypose.Core.Skeletons;
using Polypose.Evaluation.Metrics;
using Polypose.Geometry;
using static Polypose.Evaluation.Tests.TestPoses;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class PoseApMetricTests
{
    [Fact]
    public void Compute_PredictionsEqualGroundTruth_ApAndRecallNearOne()
    {
        var metric = new PoseApMetric();
        for (var f = 0; f < 3; f++)
        {
            var gt = Frame(f, Shelf15(0), Shelf15(1, 2000));
            metric.Add(gt, gt);
        }

        var r = metric.Compute();
        Assert.Equal(6, r.GtCount);
        Assert.Equal(6, r.PredictionCount);
        Assert.Equal([25.0, 50, 75, 100, 125, 150], r.Ap.Select(a => a.Threshold));
        Assert.All(r.Ap, a => Assert.Equal(1.0, a.Ap, 4));
        Assert.Equal(1.0, r.MeanAp, 4);
        Assert.Equal(1.0, r.Recall500, 4);
        Assert.Equal(0.0, r.Mpjpe);
        Assert.Equal("mean-joint-confidence", r.ScoreSource);
    }

    [Fact]
    public void Compute_ExplicitScoresRankDuplicateFirst_HalvesAp25()
    {
        // One GT; the higher-scored prediction is 40 mm off (FP at 25 mm), the lower-scored one exact (TP).
        // precision 0, 1/2 → monotone 1/2, 1/2; recall 0, 1 → AP@25 = 1/2. At 50 mm the first is TP → AP 1.
        var gt = Shelf15(0);
        var off = Shifted(gt, new Vec3(40, 0, 0));
        var metric = new PoseApMetric();
        metric.Add(Frame(0, off, gt), Frame(0, gt), [0.9, 0.1]);
        var r = metric.Compute();
        Assert.Equal(0.5, r.Ap[0].Ap, 4);
        Assert.Equal(1.0, r.Ap[1].Ap, 4);
        Assert.Equal(40, r.Mpjpe!.Value, 9); // the first claim (by score) is the 40 mm prediction
        Assert.Equal("explicit", r.ScoreSource);
    }

    [Fact]
    public void Add_ZeroScore_PredictionIgnored()
    {
        var gt = Shelf15(0);
        var metric = new PoseApMetric();
        metric.Add(Frame(0, gt), Frame(0, gt), [0.0]);
        var r = metric.Compute();
        Assert.Equal(0, r.PredictionCount);
        Assert.Equal(1, r.GtCount);
        Assert.Equal(0, r.Recall500);
        Assert.Null(r.Mpjpe);
    }

    [Fact]
    public void Add_ScoreCountMismatch_Throws()
    {
        var gt = Shelf15(0);
        var ex = Assert.Throws<ArgumentException>(() => new PoseApMetric().Add(Frame(3, gt), Frame(3, gt), [0.5, 0.5]));
        Assert.Contains("2 scores for 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_PanopticPredictionAgainstShelfGt_ComparesFourteenConvertedJoints()
    {
        // Limbs equal the GT; the synthesized head differs from the GT head, so MPJPE > 0 but well under 500 mm.
        var gt = Shelf15(0);
        var metric = new PoseApMetric();
        metric.Add(Frame(0, As(KnownSkeletons.Panoptic15, gt)), Frame(0, gt));
        var r = metric.Compute();
        Assert.Equal(1.0, r.Recall500, 4);
        Assert.InRange(r.Mpjpe!.Value, 0, 100);
    }

    [Fact]
    public void Add_PredictionInFrameWithoutGt_IsFalsePositive()
    {
        var gt = Shelf15(0);
        var metric = new PoseApMetric();
        metric.Add(Frame(0, gt), Frame(0, gt), [0.5]);
        metric.Add(Frame(1, gt), Frame(1), [0.9]);
        var r = metric.Compute();

        // Ranked: FP (0.9) then TP (0.5): precision 0, 1/2 → AP = 1/2.
        Assert.Equal(0.5, r.Ap[0].Ap, 4);
    }
}
