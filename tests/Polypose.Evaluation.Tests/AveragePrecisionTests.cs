using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class AveragePrecisionTests
{
    // Three GT poses (keys 0, 1, 2). Ranked predictions (score, distance mm, nearest GT key):
    //   A 0.9, 10, 0    B 0.8, 30, 1    C 0.7, 20, 0    D 0.6, 5, 2
    private static readonly RankedPrediction[] Ranking =
    [
        new(0.7, 20, 0), // C (given out of order on purpose)
        new(0.9, 10, 0), // A
        new(0.6, 5, 2),  // D
        new(0.8, 30, 1), // B
    ];

    [Fact]
    public void Compute_Threshold25_MatchesHandComputation()
    {
        // By hand at 25 mm: A TP (claims 0), B FP (30 ≥ 25), C FP (0 already claimed), D TP.
        // cumTP 1,1,1,2; cumFP 0,1,2,2 → recall 1/3,1/3,1/3,2/3; precision 1,1/2,1/3,1/2 → monotone 1,1/2,1/2,1/2.
        // AP = (1/3 − 0)·1 + (2/3 − 1/3)·1/2 + (1 − 2/3)·0 = 1/2; final recall 2/3.
        var r = AveragePrecision.Compute(Ranking, 3, 25);
        Assert.Equal(0.5, r.AveragePrecision, 4);
        Assert.Equal(2.0 / 3, r.Recall, 4);
    }

    [Fact]
    public void Compute_Threshold50_MatchesHandComputation()
    {
        // By hand at 50 mm: A TP, B TP, C FP (duplicate), D TP. precision 1,1,2/3,3/4 → monotone 1,1,3/4,3/4;
        // recall 1/3,2/3,2/3,1 → AP = 1/3 + 1/3 + 1/3·3/4 = 11/12; final recall 1.
        var r = AveragePrecision.Compute(Ranking, 3, 50);
        Assert.Equal(11.0 / 12, r.AveragePrecision, 4);
        Assert.Equal(1.0, r.Recall, 4);
    }

    [Fact]
    public void Compute_DistanceEqualToThreshold_IsFalsePositive()
    {
        var r = AveragePrecision.Compute([new RankedPrediction(1, 25, 0)], 1, 25);
        Assert.Equal(0, r.AveragePrecision);
        Assert.Equal(0, r.Recall);
    }

    [Fact]
    public void Compute_NoPredictions_ReturnsZero()
    {
        var r = AveragePrecision.Compute([], 5, 25);
        Assert.Equal(0, r.AveragePrecision);
        Assert.Equal(0, r.Recall);
    }

    [Fact]
    public void MeanOfFirstClaims_KnownRanking_AveragesFirstClaimsBelowThreshold()
    {
        // At 25 mm: A (10) and D (5) claim first → 7.5. At 500 mm: A 10, B 30, D 5 → 15 (C is a duplicate of A's GT).
        Assert.Equal(7.5, AveragePrecision.MeanOfFirstClaims(Ranking, 25).Value, 9);
        var all = AveragePrecision.MeanOfFirstClaims(Ranking, 500);
        Assert.Equal(15, all.Value, 9);
        Assert.Equal(3, all.JointCount);
    }

    [Fact]
    public void MeanOfFirstClaims_NothingBelowThreshold_IsInvalid()
    {
        Assert.False(AveragePrecision.MeanOfFirstClaims([new RankedPrediction(1, 600, 0)], 500).IsValid);
    }
}
