using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>Stage2Config: the reference values of dispose.md 4.2, the CPU configuration, and checks at init.</summary>
public sealed class Stage2ConfigTests
{
    [Fact]
    public void TheReferenceConfigurationHoldsTheDocumentedSizes()
    {
        var r = Stage2Config.Reference;
        Assert.Equal((256, 4, 8, 8, 1024, 0.1, 0.15, 4, 10), (r.Dim, r.Layers, r.AttentionHeads, r.AttentionPoints, r.FfnDim, r.Dropout, r.MaxOffset, r.HypergraphHeads, r.Slots));
        Assert.False(r.Attention.LevelProjection);
        var node = HypergraphAttentionMode.Node;
        var edge = HypergraphAttentionMode.Edge;
        Assert.Equal([new(node, node), new(edge, edge), new(node, node), new(edge, edge)], r.Modes);
        Assert.True(Stage2Config.Cpu.Attention.LevelProjection);
    }

    [Fact]
    public void OutOfRangeValuesAreRefusedAtInitAndInconsistentOnesWhenADecoderIsBuilt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Stage2Config { Dim = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Stage2Config { Dropout = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Stage2Config { ViewCountDim = 7 });
        Assert.ThrowsAny<ArgumentException>(() => new Stage2Config { SpaceSize = [8000, 0, 2000] });
        Assert.ThrowsAny<ArgumentException>(() => new Stage2Config { Modes = [] });
        var e = Assert.ThrowsAny<ArgumentException>(() => new PoseDecoder(Stage2Config.Reference with { Layers = 3 }, new Generator(1)));
        Assert.Contains("Modes lists 4 layers", e.Message, StringComparison.Ordinal);
    }
}
