using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Assignment;

public sealed class CandidateFeaturesTests
{
    [Fact]
    public void EachNodeAttendsFromItsNormalisedHeatmapPositionAndEmptySlotsAreZero()
    {
        var gen = new Generator(2);
        var options = new DeformableAttentionOptions { ModelDim = 8, Heads = 2, Points = 2, FeatureChannels = 6 };
        var attention = new ProjectiveDeformableAttention(options, gen);
        var levels = new[] { Tensor.Randn(gen, 2, 6, 10, 20), Tensor.Randn(gen, 2, 6, 5, 10), Tensor.Randn(gen, 2, 6, 3, 5) };
        var candidates = new RootCandidate[2 * 3];
        candidates[0] = new RootCandidate(5, 4, 0.9, Vec2.Zero);
        candidates[4] = new RootCandidate(15, 2, 0.5, Vec2.Zero);
        var features = CandidateFeatures.Compute(attention, levels, candidates, slots: 3, heatmapWidth: 20, heatmapHeight: 10);
        Assert.Equal([6, 8], features.Shape);
        foreach (var empty in new[] { 1, 2, 3, 5 })
        {
            Assert.All(features.Select(0, empty).ToArray(), v => Assert.Equal(0f, v));
        }

        // Slot 1 of image 1 is row 4: the same as attending from (15/20, 2/10) in image 1 alone.
        var direct = attention.Forward([.. levels.Select(l => l.Narrow(0, 1, 1))], Tensor.FromArray([0.75f, 0.2f], 1, 1, 2)).ToArray();
        var row = features.Select(0, 4).ToArray();
        for (var k = 0; k < 8; k++)
        {
            Assert.Equal(direct[k], row[k], 5);
        }
    }
}
