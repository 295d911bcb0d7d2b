using Polypose.Geometry;
using Polypose.Learning.Evidence;

namespace Polypose.Learning.Tests.Evidence;

public sealed class LetterboxTests
{
    [Theory]
    [InlineData(1920, 1080, 960, 512, 10.125, 5.4)]
    [InlineData(1032, 776, 800, 608, 5.16, 3.9216)]
    [InlineData(360, 288, 800, 640, 1.8, 1.44)]
    [InlineData(2048, 1536, 768, 576, 10.24, 7.68)]
    public void ScaleIsTheReferenceLetterboxBox(int w, int h, int wi, int hi, double sx, double sy)
    {
        var s = Letterbox.Scale(w, h, wi, hi);
        Assert.Equal(sx, s.X, 9);
        Assert.Equal(sy, s.Y, 9);
    }

    [Fact]
    public void PanopticForwardMapsCentreToInputCentreAndCornerIntoTheHorizontalPad()
    {
        var a = Letterbox.Forward(new Vec2(960, 540), new Vec2(10.125, 5.4), 0, 960, 512);
        AssertClose(new Vec2(480, 256), a.Apply(new Vec2(960, 540)));

        // Resize factor 960 / 2025; the left edge lands at 480 − 960·960/2025 = 24.8889.
        AssertClose(new Vec2(480 - (960.0 * 960 / 2025), 0), a.Apply(new Vec2(0, 0)));
    }

    [Fact]
    public void RotationByNinetyDegreesTurnsImageRightIntoInputUp()
    {
        var a = Letterbox.Forward(new Vec2(960, 540), new Vec2(10.125, 5.4), 90, 960, 512);
        AssertClose(new Vec2(480, 256 - (100.0 * 960 / 2025)), a.Apply(new Vec2(1060, 540)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(-75)]
    public void InverseConstructionUndoesTheForwardAffine(double rot)
    {
        var c = new Vec2(516, 388);
        var s = Letterbox.Scale(1032, 776, 800, 608);
        var f = Letterbox.Forward(c, s, rot, 800, 608);
        var inv = Letterbox.Inverse(c, s, rot, 800, 608);
        foreach (var p in new[] { new Vec2(0, 0), new Vec2(1031, 12), new Vec2(300.5, 700.25) })
        {
            AssertClose(p, inv.Apply(f.Apply(p)));
            AssertClose(inv.Apply(p), f.Inverse().Apply(p));
        }
    }

    [Fact]
    public void HeatmapAffineIsTheInputAffineDividedByTheStride()
    {
        var view = new EvidenceGrid().For(1920, 1080);
        Assert.Equal((240, 128), (view.HeatmapWidth, view.HeatmapHeight));
        AssertClose(new Vec2((480 - (960.0 * 960 / 2025)) / 4, 0), view.ImageToHeatmap.Apply(new Vec2(0, 0)));
        AssertClose(new Vec2(1000, 200), view.HeatmapToImage.Apply(view.ImageToHeatmap.Apply(new Vec2(1000, 200))));

        // Heatmap pixel i is input pixel 4·i: heatmap (120, 64) is the input centre, i.e. the image centre.
        AssertClose(new Vec2(960, 540), view.HeatmapToImage.Apply(new Vec2(120, 64)));
    }

    private static void AssertClose(Vec2 expected, Vec2 actual)
    {
        Assert.True(Vec2.Distance(expected, actual) < 1e-9, $"expected {expected}, got {actual}");
    }
}
