using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>The decoder end to end: shapes, masks, the prior, and a frame where Stage I found nobody.</summary>
public sealed class PoseDecoderTests
{
    [Fact]
    public void EveryLayerGivesTheDocumentedShapesAndTriangulatesOnlyValidSlots()
    {
        var scene = new DecoderScene(5);
        var decoder = new PoseDecoder(DecoderScene.Config, new Generator(6));
        var output = decoder.Forward(scene.Input());
        Assert.Equal(2, output.Layers.Count);
        foreach (var layer in output.Layers)
        {
            Assert.Equal([2, 2, 15, 3], layer.Poses.Shape);
            Assert.Equal([2, 3, 2, 15, 2], layer.Reprojected.Shape);
            Assert.Equal([2, 3, 2, 15, 2], layer.Refined2D.Shape);
            Assert.Equal([2, 2, 15], layer.Residuals.Shape);
            Assert.Equal([2, 2, 15], layer.Triangulated.Shape);
            Assert.All(layer.Poses.ToArray(), v => Assert.True(float.IsFinite(v)));
            var tri = layer.Triangulated.ToBoolArray();

            // Slots 0, 1 of sample 0 and slot 0 of sample 1 are people seen by all three cameras; sample 1 slot 1 is empty.
            Assert.All(tri.Take(45), Assert.True);
            Assert.All(tri.Skip(45), Assert.False);
        }
    }

    [Fact]
    public void AFrameWithoutPeopleDecodesToThePriorWithNothingTriangulated()
    {
        var scene = new DecoderScene(5, empty: true);
        var decoder = new PoseDecoder(DecoderScene.Config, new Generator(6));
        decoder.Eval();
        var output = decoder.Infer(scene.Input());
        var last = output.Layers[^1];
        Assert.DoesNotContain(true, last.Triangulated.ToBoolArray());
        Assert.DoesNotContain(true, last.ViewValid.ToBoolArray());
        Assert.All(last.Residuals.ToArray(), v => Assert.Equal(0f, v));

        // Empty slots start (and stay) at the prior around the world origin: the neck at (1.58, −2.03, 493.06) mm.
        var poses = last.Poses.ToArray();
        Assert.Equal(1.58f, poses[0], 3);
        Assert.Equal(-2.03f, poses[1], 3);
        Assert.Equal(493.06f, poses[2], 3);
    }
}
