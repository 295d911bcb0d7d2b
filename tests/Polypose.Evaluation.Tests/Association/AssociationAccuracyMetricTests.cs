using Polypose.Association;
using Polypose.Evaluation.Association;

namespace Polypose.Evaluation.Tests.Association;

/// <summary>Pairwise association accuracy on frames small enough to count the pairs by hand (counts in the comments).</summary>
public sealed class AssociationAccuracyMetricTests
{
    private static AssociationResult Groups(int views, params int[][] groups)
    {
        var result = new AssociationResult();
        result.Reset(views);
        foreach (var g in groups)
        {
            result.Add(g, 1, 0);
        }

        return result;
    }

    [Fact]
    public void Add_OneCorrectTripleAndADistractorPair_ThreeOfFourBothWays()
    {
        // Views: v0 = [person 0, person 1], v1 = [person 1, person 0, distractor], v2 = [person 0].
        // True pairs: person 0 in three views -> 3, person 1 in two -> 1: 4.
        // Groups: {v0#0, v1#1, v2#0} = person 0 three times -> 3 correct pairs; {v0#1, v1#2} = person 1 with the
        // distractor -> 1 wrong pair. Precision 3/4, recall 3/4.
        var metric = new AssociationAccuracyMetric();
        metric.Add(Groups(3, [0, 1, 0], [1, 2, -1]), [[0, 1], [1, 0, -1], [0]]);
        var r = metric.Compute();
        Assert.Equal(4, r.TruePairs);
        Assert.Equal(4, r.PredictedPairs);
        Assert.Equal(3, r.CorrectPairs);
        Assert.Equal(1, r.DistractorPairs);
        Assert.Equal(6, r.Detections);
        Assert.Equal(1, r.DistractorDetections);
        Assert.Equal(1, r.DistractorsGrouped);
        Assert.Equal(0.75, r.Precision, 12);
        Assert.Equal(0.75, r.Recall, 12);
        Assert.Equal(0.75, r.F1, 12);
    }

    [Fact]
    public void Add_SwappedIdentities_NoCorrectPair()
    {
        // v0 = [0, 1], v1 = [0, 1]; the groups pair 0 with 1 and 1 with 0: 2 predicted, 0 correct, 2 true.
        var metric = new AssociationAccuracyMetric();
        metric.Add(Groups(2, [0, 1], [1, 0]), [[0, 1], [0, 1]]);
        var r = metric.Compute();
        Assert.Equal((2L, 2L, 0L), (r.TruePairs, r.PredictedPairs, r.CorrectPairs));
        Assert.Equal(0, r.Precision);
        Assert.Equal(0, r.Recall);
        Assert.Equal(0, r.F1);
    }

    [Fact]
    public void Add_LeavingDistractorsOut_CostsNothing()
    {
        // v0 = [0, -1], v1 = [-1, 0]: one true pair, claimed; both distractors left as singletons.
        var metric = new AssociationAccuracyMetric();
        metric.Add(Groups(2, [0, 1]), [[0, -1], [-1, 0]]);
        var r = metric.Compute();
        Assert.Equal((1.0, 1.0, 1.0), (r.Precision, r.Recall, r.F1));
        Assert.Equal(2, r.DistractorDetections);
        Assert.Equal(0, r.DistractorsGrouped);
    }

    [Fact]
    public void Add_NoGroups_PrecisionOneRecallZero_OrAllOnesWithoutTruePairs()
    {
        var withPairs = new AssociationAccuracyMetric();
        withPairs.Add(Groups(2), [[0], [0]]);
        var a = withPairs.Compute();
        Assert.Equal((1.0, 0.0, 0.0), (a.Precision, a.Recall, a.F1));

        var none = new AssociationAccuracyMetric();
        none.Add(Groups(2), [[0], [-1]]);
        var b = none.Compute();
        Assert.Equal((0L, 1.0, 1.0, 1.0), (b.TruePairs, b.Precision, b.Recall, b.F1));
    }

    [Fact]
    public void Add_TwoFrames_MicroAveraged()
    {
        // Frame A: 1 true pair, claimed. Frame B: person 0 in three views (3 true pairs), nothing claimed.
        // Sum: 1 correct of 1 predicted and 4 true -> precision 1, recall 1/4, F1 = 2·1·0.25/1.25 = 0.4
        // (the mean of the per-frame F1s would be 0.5).
        var metric = new AssociationAccuracyMetric();
        metric.Add(Groups(2, [0, 0]), [[0], [0]]);
        metric.Add(Groups(3), [[0], [0], [0]]);
        var r = metric.Compute();
        Assert.Equal(2, r.FrameCount);
        Assert.Equal(4, r.TruePairs);
        Assert.Equal(1.0, r.Precision, 12);
        Assert.Equal(0.25, r.Recall, 12);
        Assert.Equal(0.4, r.F1, 12);
    }

    [Fact]
    public void Add_PersonTwiceInOneView_TwoTruePairsOneClaimable()
    {
        // v0 = [0, 0] (a duplicate detection), v1 = [0]: true pairs v0#0-v1#0 and v0#1-v1#0 = 2; one group claims one.
        var metric = new AssociationAccuracyMetric();
        metric.Add(Groups(2, [1, 0]), [[0, 0], [0]]);
        var r = metric.Compute();
        Assert.Equal(2, r.TruePairs);
        Assert.Equal(1.0, r.Precision, 12);
        Assert.Equal(0.5, r.Recall, 12);
    }

    [Fact]
    public void Add_GroupNamesAMissingDetection_Throws()
    {
        var metric = new AssociationAccuracyMetric();
        var e = Assert.Throws<ArgumentException>(() => metric.Add(Groups(2, [0, 3]), [[0], [0]]));
        Assert.Contains("detection 3 of view 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => metric.Add(Groups(3, [0, 0, -1]), [[0], [0]]));
    }
}
