using Polypose.Core.Skeletons;
using Polypose.Learning.Evidence;
using Polypose.Tensors;
using static Polypose.Learning.Tests.Evidence.HeatmapRendererTests;

namespace Polypose.Learning.Tests.Evidence;

public sealed class EvidenceEncoderTests
{
    [Fact]
    public void GivesThreeLevelsAtFullHalfAndQuarterHeatmapResolutionAndTrainsEveryWeight()
    {
        var view = new EvidenceGrid { InputWidth = 88, InputHeight = 52 }.For(88, 52);
        var renderer = new HeatmapRenderer();
        var evidence = new[]
        {
            renderer.Render(view, [Person(KnownSkeletons.Panoptic15, ("mid_hip", 40, 20, 0.9), ("neck", 40, 8, 0.8))]),
            renderer.Render(view, [Person(KnownSkeletons.Panoptic15, ("mid_hip", 60, 30, 0.7))]),
        };
        var input = EvidenceEncoder.Stack(evidence);
        Assert.Equal([2, 15, 13, 22], input.Shape);
        var encoder = new EvidenceEncoder(15, 8, new Generator(1));
        var levels = encoder.Forward(input);
        Assert.Equal([2, 8, 13, 22], levels[0].Shape);
        Assert.Equal([2, 8, 7, 11], levels[1].Shape);
        Assert.Equal([2, 8, 4, 6], levels[2].Shape);
        (levels[0].Sum() + levels[1].Square().Sum() + levels[2].Sum()).Backward();
        Assert.All(encoder.NamedParameters(), p => Assert.True(p.Parameter.Grad!.ToArray().Any(g => g != 0), $"{p.Name} got no gradient"));
    }

    [Fact]
    public void RejectsAnInputWithAnotherChannelCount()
    {
        var encoder = new EvidenceEncoder(17, 4, new Generator(1));
        var e = Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.Zeros(1, 15, 8, 8)));
        Assert.Contains("[views, 17, H, W]", e.Message, StringComparison.Ordinal);
    }
}
