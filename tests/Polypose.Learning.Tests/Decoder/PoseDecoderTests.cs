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

    [Fact]
    public void InferenceOfOneFrameDecodesOnlyItsPeopleAndGivesTheSameOutputsForThem()
    {
        var scene = new DecoderScene(5);
        var views = DecoderViews.From(scene.Cameras, [.. scene.Affines.Take(DecoderScene.Views)], DecoderScene.Grid, 1);
        var input = new DecoderInput([.. scene.Levels.Select(l => l.Narrow(0, 0, DecoderScene.Views))], scene.Roots.Narrow(0, 0, 1), Tensor.FromArray([false, true], 1, 2), views);
        var decoder = new PoseDecoder(DecoderScene.Config, new Generator(6));
        decoder.Eval();
        var full = decoder.Forward(input).Layers[^1];
        var fast = decoder.Infer(input).Layers[^1];

        // Slot 1 holds the person: every output agrees with the full computation.
        static float[] Slot1(Tensor t, int dim) => t.Narrow(dim, 1, 1).Contiguous().ToArray();
        Assert.Equal(Slot1(full.Poses, 1), Slot1(fast.Poses, 1), (a, b) => Math.Abs(a - b) <= 1e-3f);
        Assert.Equal(Slot1(full.Reprojected, 2), Slot1(fast.Reprojected, 2), (a, b) => Math.Abs(a - b) <= 1e-3f);
        Assert.Equal(Slot1(full.Refined2D, 2), Slot1(fast.Refined2D, 2), (a, b) => Math.Abs(a - b) <= 1e-3f);
        Assert.Equal(Slot1(full.Residuals, 1), Slot1(fast.Residuals, 1), (a, b) => Math.Abs(a - b) <= 1e-6f);
        Assert.Equal(full.Triangulated.ToBoolArray(), fast.Triangulated.ToBoolArray());
        Assert.Equal(full.ViewValid.ToBoolArray(), fast.ViewValid.ToBoolArray());
        Assert.All(fast.Triangulated.ToBoolArray().Skip(15), Assert.True);

        // Slot 0 is empty: the prior at the origin, its projection, nothing triangulated.
        Assert.Equal(full.Poses.Narrow(1, 0, 1).Contiguous().ToArray(), fast.Poses.Narrow(1, 0, 1).Contiguous().ToArray());
        Assert.Equal(full.Reprojected.Narrow(2, 0, 1).Contiguous().ToArray(), fast.Reprojected.Narrow(2, 0, 1).Contiguous().ToArray(), (a, b) => Math.Abs(a - b) <= 1e-3f);
    }
}
