using Polypose.Geometry;
using Polypose.Learning.Decoder.Losses;

namespace Polypose.Learning.Tests.Decoder.Losses;

/// <summary>
/// The decision table of label curation (dispose.md 5.1), one branch per test case, on a pinhole camera at the world
/// origin looking along +z (f = 1000 px, principal point (500, 400), image 1000×800): a point (x, y, 1000 mm)
/// reprojects to pixel (500 + x, 400 + y).
/// </summary>
public sealed class PseudoLabelCurationTests
{
    private static readonly Camera Camera = new("c", 1000, 800, new Intrinsics(1000, 1000, 500, 400), Mat3.Identity, Vec3.Zero);

    [Theory]
    [InlineData(510, 400, 0.9, 0, 0, 1000, 0.8, CurationDecision.Keep)] // error² 100 ≤ 256, both valid, in bounds
    [InlineData(516, 400, 0.3, 0, 0, 1000, 0.3, CurationDecision.Keep)] // boundaries: score 0.3 is valid, error² 256 keeps
    [InlineData(517, 400, 0.9, 0, 0, 1000, 0.8, CurationDecision.Replace)] // error² 289 > 256: the 3D wins
    [InlineData(510, 400, 0.29, 0, 0, 1000, 0.8, CurationDecision.Replace)] // weak 2D, usable 3D
    [InlineData(500, 400, 0.0, 0, 0, 1000, 0.5, CurationDecision.Replace)] // no 2D at all, usable 3D
    [InlineData(500, 400, 0.9, 600, 0, 1000, 0.8, CurationDecision.Zero)] // 3D reprojects to x = 1100 ≥ 1000, 2D disagrees
    [InlineData(500, 400, 0.9, 0, 0, -1000, 0.8, CurationDecision.Zero)] // 3D behind the camera: out of bounds, no finite error
    [InlineData(1000, 400, 0.9, 505, 0, 1000, 0.8, CurationDecision.Leave)] // out of bounds but agreeing (error² 25)
    [InlineData(500, 400, 0.2, 600, 0, 1000, 0.8, CurationDecision.Leave)] // out of bounds, weak 2D
    [InlineData(530, 400, 0.9, 0, 0, 1000, 0.29, CurationDecision.Leave)] // weak 3D: raw 2D passes through
    [InlineData(530, 400, 0.9, 0, 0, 0, 0, CurationDecision.Leave)] // no 3D (score 0)
    public void EachBranchOfTheDecisionTable(double u, double v, double s2, double x, double y, double z, double s3, CurationDecision expected)
    {
        var curation = new PseudoLabelCuration();
        var decision = curation.Decide(Camera, 1000, 800, new Vec2(u, v), s2, new Vec3(x, y, z), s3, out _);
        Assert.Equal(expected, decision);
    }

    [Fact]
    public void TheDatasetImageSizeIsTheDefaultBoundAndTheReferenceRuleIsSelectable()
    {
        Assert.Equal((1000, 800), new PseudoLabelCuration().BoundsOf(Camera, 960));
        var reference = new PseudoLabelCuration { Bounds = CurationBounds.Reference };
        Assert.Equal((1920, 1080), reference.BoundsOf(Camera, 960));
        Assert.Equal((2048, 1536), reference.BoundsOf(Camera, 768));

        // (600, 0, 1000) reprojects to (1100, 400): outside this 1000×800 camera, inside the reference's 1920×1080,
        // so a 2D label 10 px away is zeroed with the camera's own bounds but kept with the reference's.
        var (w, h) = reference.BoundsOf(Camera, 960);
        Assert.Equal(CurationDecision.Keep, reference.Decide(Camera, w, h, new Vec2(1110, 400), 0.9, new Vec3(600, 0, 1000), 0.8, out _));
        Assert.Equal(CurationDecision.Zero, new PseudoLabelCuration().Decide(Camera, 1000, 800, new Vec2(1120, 400), 0.9, new Vec3(600, 0, 1000), 0.8, out _));
    }

    [Fact]
    public void CurateViewKeepsReplacesZeroesAndLeavesInPlace()
    {
        // One person, four joints: keep, replace, zero, leave (values as in the table above).
        float[] xy = [510, 400, 517, 400, 500, 400, 530, 400];
        float[] score = [0.9f, 0.9f, 0.9f, 0.9f];
        float[] points = [0, 0, 1000, 10, 20, 1000, 600, 0, 1000, 0, 0, 1000];
        float[] score3 = [0.8f, 0.7f, 0.8f, 0.1f];
        var counts = new PseudoLabelCuration().CurateView(Camera, 960, xy, score, points, score3);
        Assert.Equal([1, 1, 1, 1], counts);
        Assert.Equal([510f, 400, 510, 420, 0, 0, 530, 400], xy);
        Assert.Equal([0.9f, 0.7f, 0f, 0.9f], score);
    }
}
