namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TriangulationPixelsTests
{
    [Fact]
    public void FromPixels_ZeroWeightView_DoesNotChangeTheResult()
    {
        var rng = new Random(91);
        var cams = TestRigs.RandomRig(rng, 4, LensKind.FiveCoefficient);
        var x = new Vec3(100, 200, 1000);
        var pixels = cams.Select(c => c.Project(x).Pixel + new Vec2(TestRigs.Gaussian(rng), TestRigs.Gaussian(rng))).ToArray();
        var garbage = (Vec2[])pixels.Clone();
        garbage[2] = new Vec2(-5000, 12345);

        var a = Triangulation.FromPixels(cams, pixels, [1.0, 0.5, 0.0, 0.8], TriangulationMethod.Algebraic);
        var b = Triangulation.FromPixels(cams, garbage, [1.0, 0.5, 0.0, 0.8], TriangulationMethod.Algebraic);
        var three = Triangulation.FromPixels([cams[0], cams[1], cams[3]], [pixels[0], pixels[1], pixels[3]], [1.0, 0.5, 0.8], TriangulationMethod.Algebraic);

        Assert.Equal(a, b);
        Assert.Equal(3, a.ViewsUsed);
        Assert.True(Vec3.Distance(a.Point, three.Point) < 1e-9);
    }

    [Fact]
    public void FromPixels_MatchesSolvingTheBackProjectedRays()
    {
        var rng = new Random(92);
        var cams = TestRigs.RandomRig(rng, 5, LensKind.EightCoefficient);
        var x = new Vec3(-300, 100, 1400);
        var pixels = cams.Select(c => c.Project(x).Pixel + new Vec2(TestRigs.Gaussian(rng), TestRigs.Gaussian(rng))).ToArray();
        double[] weights = [0.9, 0.4, 0.7, 1.0, 0.3];
        var rays = new Ray[5];
        for (var v = 0; v < 5; v++)
        {
            Assert.True(cams[v].TryBackProject(pixels[v], out rays[v]));
        }

        foreach (var method in Enum.GetValues<TriangulationMethod>())
        {
            Assert.Equal(Triangulation.Solve(rays, weights, method), Triangulation.FromPixels(cams, pixels, weights, method));
        }
    }

    [Fact]
    public void MeanSquaredReprojectionError_KnownOffsets_IsTheWeightedMeanAndSkipsViewsBehind()
    {
        var k = new Intrinsics(1000, 1000, 960, 540);
        var x = new Vec3(0, 0, 1000);
        var a = TestRigs.LookAt("a", new Vec3(-3000, -3000, 1500), x, k);
        var b = TestRigs.LookAt("b", new Vec3(3000, -3000, 1500), x, k);
        var behind = TestRigs.LookAt("c", new Vec3(0, 3000, 1000), new Vec3(0, 6000, 1000), k);
        Camera[] cams = [a, b, behind];
        Vec2[] pixels = [a.Project(x).Pixel + new Vec2(3, 4), b.Project(x).Pixel, new Vec2(960, 540)];

        var mse = Triangulation.MeanSquaredReprojectionError(cams, x, pixels, [1.0, 3.0, 5.0]);

        Assert.False(behind.Project(x).IsValid);
        Assert.Equal(25.0 / 4.0, mse, 9);
        Assert.True(double.IsPositiveInfinity(Triangulation.MeanSquaredReprojectionError(cams, x, pixels, [0.0, 0.0, 5.0])));
        Assert.True(double.IsPositiveInfinity(Triangulation.MeanSquaredReprojectionError(cams, new Vec3(double.NaN, 0, 0), pixels, [1.0, 1.0, 1.0])));
    }

    [Fact]
    public void FromPixelsAndDropout_AfterWarmUp_AllocateNothing()
    {
        var rng = new Random(93);
        var cams = TestRigs.RandomRig(rng, 5, LensKind.FiveCoefficient);
        var x = new Vec3(100, -100, 1000);
        var pixels = cams.Select(c => c.Project(x).Pixel).ToArray();
        pixels[1] += new Vec2(150, 0);
        double[] weights = [1, 1, 1, 1, 1];
        double sink = 0;
        for (var i = 0; i < 10; i++)
        {
            sink += Triangulation.FromPixels(cams, pixels, weights, TriangulationMethod.Algebraic).Point.X;
            sink += Triangulation.WithWorstViewDropout(cams, pixels, weights, 16, 2).Point.X;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            sink += Triangulation.FromPixels(cams, pixels, weights, TriangulationMethod.Midpoint).Point.X;
            sink += Triangulation.WithWorstViewDropout(cams, pixels, weights, 16, 2).Point.X;
            sink += Triangulation.MeanSquaredReprojectionError(cams, x, pixels, weights);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
    }
}
