using Polypose.Evaluation.Tracking;
using Polypose.Geometry;
using static Polypose.Tracking.Tests.TestPeople;

namespace Polypose.Tracking.Tests;

public sealed class TrackingMetricTests
{
    private static readonly Vec3 A = new(0, 0, 900);
    private static readonly Vec3 B = new(3000, 0, 900);

    [Fact]
    public void SwappedIdsCountTwoSwitchesAndHalveIdf1()
    {
        // GT 10 at A, GT 20 at B for 4 frames; predictions 1/2 follow them for 2 frames, then swap.
        var gt = Enumerable.Range(0, 4).Select(f => Frame(f, At(10, A), At(20, B))).ToList();
        var pred = Enumerable.Range(0, 4).Select(f => f < 2 ? Frame(f, At(1, A), At(2, B)) : Frame(f, At(2, A), At(1, B))).ToList();
        var r = TrackingMetric.Compute(pred, gt);

        // Hand count: GT = 8, all matched, 2 switches at frame 2 → MOTA = 1 − 2/8; IDTP = 2 + 2 (either mapping) → IDF1 = 8/16.
        Assert.Equal(8, r.GtCount);
        Assert.Equal(8, r.Matches);
        Assert.Equal(2, r.IdSwitches);
        Assert.Equal(0.75, r.Mota, 12);
        Assert.Equal(0.5, r.Idf1, 12);
        Assert.Equal([1, 1], r.People.Select(p => p.IdSwitches));
    }

    [Fact]
    public void MissesFalsePositivesAndSwitchesFollowClearMot()
    {
        var far = new Vec3(5000, 5000, 900);
        var gt = Enumerable.Range(0, 5).Select(f => Frame(f, At(0, A))).ToList();
        var pred = new[]
        {
            Frame(0, At(7, A + new Vec3(10, 0, 0))),
            Frame(1, At(7, A)),
            Frame(2),
            Frame(3, At(7, far)),
            Frame(4, At(8, A), At(9, far)),
        };
        var r = TrackingMetric.Compute(pred, gt);

        // Hand count: matches at frames 0, 1, 4 (3); FN at 2 and 3; FP: frame 3 and the far one at 4; one switch 7 → 8.
        Assert.Equal(5, r.GtCount);
        Assert.Equal(5, r.PredictionCount);
        Assert.Equal(3, r.Matches);
        Assert.Equal(2, r.Misses);
        Assert.Equal(2, r.FalsePositives);
        Assert.Equal(1, r.IdSwitches);
        Assert.Equal(0.0, r.Mota, 12);
        Assert.Equal(10.0 / 3, r.MotpMm, 9);

        // IDF1: id 7 overlaps GT 0 in 2 frames, id 8 in 1 → IDTP 2; IDF1 = 2·2 / (5 + 5).
        Assert.Equal(0.4, r.Idf1, 12);
        Assert.Equal(0.4, r.IdPrecision, 12);
        Assert.Equal(0.4, r.IdRecall, 12);
        Assert.Equal(7, r.People[0].PredictedId);
    }

    [Fact]
    public void PreviousCorrespondenceIsKeptWhileWithinThresholdEvenWhenAnotherIsCloser()
    {
        var a = new Vec3(0, 0, 900);
        var b = new Vec3(300, 0, 900);
        var gt = new[] { Frame(0, At(0, a), At(1, b)), Frame(1, At(0, a), At(1, b)) };

        // Frame 1: prediction 1 moved to 250 mm from A (50 from B), prediction 2 to 50 mm from A; both still within 500 mm.
        var pred = new[] { Frame(0, At(1, a), At(2, b)), Frame(1, At(1, a + new Vec3(250, 0, 0)), At(2, a + new Vec3(50, 0, 0))) };
        var r = TrackingMetric.Compute(pred, gt);
        Assert.Equal(0, r.IdSwitches);
        Assert.Equal(1.0, r.Idf1, 12);

        // With a 200 mm threshold both correspondences break (250 mm each) and the assignment re-matches A → 2 and
        // B → 1 (50 mm each): two switches.
        var strict = TrackingMetric.Compute(pred, gt, new TrackingMetricOptions { ThresholdMm = 200 });
        Assert.Equal(2, strict.IdSwitches);
    }

    [Fact]
    public void ThresholdMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrackingMetricOptions { ThresholdMm = 0 });
}
