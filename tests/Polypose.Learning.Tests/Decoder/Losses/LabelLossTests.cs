using Polypose.Learning.Decoder.Losses;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder.Losses;

/// <summary>Stage II's L1, anchor, cross-augmentation and residual losses (dispose.md 5.2) on cases worked out by hand.</summary>
public sealed class LabelLossTests
{
    [Fact]
    public void LabelWeightsClampThresholdAndDropInvalidPersons()
    {
        // [S=1, N=2, J=3] scores; person 1 has id −1.
        var score = Tensor.FromArray([0.5f, 0.29f, 1.5f, 0.9f, 0.3f, 1f], 1, 2, 3);
        var valid = Tensor.FromArray([1f, 0f], 1, 2);
        Assert.Equal([0.5f, 0f, 1f, 0f, 0f, 0f], LabelWeights.Of(score, valid).ToArray());
    }

    [Fact]
    public void ReprojectionL1IsTheWeightedSumOverTwiceTheWeights()
    {
        // [S=1, V=1, N=2, J=2]: weights 0.5, 0 (score 0.2), 1 (score 1.5 clamped), 0.9; |Δ| sums 7, 200, 1, 4.
        // Loss = (0.5·7 + 1·1 + 0.9·4) / (2·2.4) = 8.1 / 4.8 = 1.6875.
        var target = Tensor.Zeros(1, 1, 2, 2, 2);
        var predicted = Tensor.FromArray([3f, -4f, 100f, 100f, 1f, 0f, -2f, 2f], 1, 1, 2, 2, 2).SetRequiresGrad();
        var score = Tensor.FromArray([0.5f, 0.2f, 1.5f, 0.9f], 1, 1, 2, 2);
        var w = LabelWeights.Of(score, Tensor.FromArray([1f, 1f], 1, 2));
        var loss = ReprojectionL1Loss.Compute(predicted, target, w);
        Assert.Equal(1.6875, loss.Item(), 5);

        // d/dx of joint (0, 0) = w·sign(Δx)/4.8 = 0.5/4.8; of the zero-weight joint 0.
        loss.Backward();
        var g = predicted.Grad!.ToArray();
        Assert.Equal(0.5 / 4.8, g[0], 6);
        Assert.Equal(-0.5 / 4.8, g[1], 6);
        Assert.Equal(0, g[2]);

        // Person 1 with id −1: only joint (0, 0) is left, 0.5·7 / (2·0.5) = 3.5.
        var w0 = LabelWeights.Of(score, Tensor.FromArray([1f, 0f], 1, 2));
        Assert.Equal(3.5, ReprojectionL1Loss.Compute(predicted.Detach(), target, w0).Item(), 5);

        // No weight at all: 0, not NaN.
        var none = LabelWeights.Of(score, Tensor.FromArray([0f, 0f], 1, 2));
        Assert.Equal(0f, ReprojectionL1Loss.Compute(predicted.Detach(), target, none).Item());
    }

    [Fact]
    public void AnchorL1IsTheWeightedSumOverThreeTimesTheWeights()
    {
        // [S=1, N=1, J=2]: w₃ = 0.6 and 0 (score 0.25); |Δ| = 10 + 20 + 5 = 35 → 0.6·35 / (0.6·3) = 35/3.
        var refined = Tensor.FromArray([10f, -20f, 5f, 1000f, 0f, 0f], 1, 1, 2, 3);
        var pseudo = Tensor.Zeros(1, 1, 2, 3);
        var w = LabelWeights.Of(Tensor.FromArray([0.6f, 0.25f], 1, 1, 2), Tensor.FromArray([1f], 1, 1));
        Assert.Equal(35.0 / 3, AnchorL1Loss.Compute(refined, pseudo, w).Item(), 4);
    }

    [Fact]
    public void CrossAugmentationAveragesOverMatchingSlotPairs()
    {
        // One frame, A = 3 slots, N = 2 person slots, J = 1. Ids per slot: a0 [0, 1], a1 [0, −1], a2 [0, 1].
        // Person 0: a0 (0,0,0), a1 (3,0,0), a2 (0,6,0); person 1: a0 (1,1,1), a1 (garbage), a2 (1,1,4).
        // Pairs: (a0,a1) n0 |3,0,0|; (a0,a2) n0 |0,6,0| and n1 |0,0,3|; (a1,a2) n0 |3,6,0|; n1 of a1 has id −1.
        // Sum 3 + 6 + 3 + 9 = 21 over 4 pairs × 3 axes = 12 entries: 1.75.
        var refined = Tensor.FromArray([0f, 0, 0, 1, 1, 1, 3, 0, 0, 500, 500, 500, 0, 6, 0, 1, 1, 4], 3, 2, 1, 3).SetRequiresGrad();
        int[] ids = [0, 1, 0, -1, 0, 1];
        var loss = CrossAugmentationL1Loss.Compute(refined, ids, 3);
        Assert.Equal(1.75, loss.Item(), 6);

        // The garbage slot gets no gradient; a0's person 0 x: −1/12 from (a0,a1) (0 − 3 < 0) and 0 from (a0,a2) (sign 0).
        loss.Backward();
        var g = refined.Grad!.ToArray();
        Assert.Equal([0f, 0f, 0f], g[9..12]);
        Assert.Equal(-1.0 / 12, g[0], 6);

        // Different ids in the same slot do not pair; A = 1 has no pairs: both 0.
        Assert.Equal(0f, CrossAugmentationL1Loss.Compute(refined.Detach(), [0, 1, 2, 3, 4, 5], 3).Item());
        Assert.Equal(0f, CrossAugmentationL1Loss.Compute(refined.Detach(), ids, 1).Item());
    }

    [Fact]
    public void TriangulationResidualIsTheMeanOverTriangulatedJoints()
    {
        var residual = Tensor.FromArray([2f, 5f, 7f], 1, 1, 3);
        Assert.Equal(4.5f, TriangulationResidualLoss.Compute(residual, Tensor.FromArray([1f, 0f, 1f], 1, 1, 3)).Item());
        Assert.Equal(0f, TriangulationResidualLoss.Compute(residual, Tensor.Zeros(1, 1, 3)).Item());
    }
}
