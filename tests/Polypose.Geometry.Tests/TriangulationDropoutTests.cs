namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TriangulationDropoutTests
{
    [Theory]
    [InlineData(LensKind.Pinhole, TriangulationMethod.Algebraic)]
    [InlineData(LensKind.FiveCoefficient, TriangulationMethod.Algebraic)]
    [InlineData(LensKind.EightCoefficient, TriangulationMethod.Midpoint)]
    public void WithWorstViewDropout_200PixelOutlierInOneOfFiveViews_DropsItAndRecoversThePoint(LensKind lens, TriangulationMethod method)
    {
        var rng = new Random(81 + (int)lens);
        var cams = TestRigs.RandomRig(rng, 5, lens);
        var pixels = new Vec2[5];
        var weights = new double[5];
        var trials = 0;
        while (trials < 40)
        {
            var x = TestRigs.RoomPoint(rng);
            if (TestRigs.Observe(cams, x, pixels, weights) < 5)
            {
                continue;
            }

            var bad = rng.Next(5);
            var angle = rng.NextDouble() * 2 * Math.PI;
            pixels[bad] += new Vec2(200 * Math.Cos(angle), 200 * Math.Sin(angle));
            var plain = Triangulation.FromPixels(cams, pixels, weights, method);

            var result = Triangulation.WithWorstViewDropout(cams, pixels, weights, 16, 2, method);

            Assert.True(!plain.IsValid || Vec3.Distance(plain.Point, x) > 1, "the outlier should hurt the plain triangulation");
            Assert.True(result.IsValid);
            Assert.False(result.IsKept(bad));
            Assert.Equal(4, result.KeptCount);
            Assert.Equal(4, result.Triangulation.ViewsUsed);
            Assert.True(Vec3.Distance(result.Point, x) < 1, $"error {Vec3.Distance(result.Point, x)} mm");
            Assert.True(result.WorstReprojectionErrorPx < 1e-6);
            trials++;
        }
    }

    [Theory]
    [InlineData(LensKind.Pinhole)]
    [InlineData(LensKind.FiveCoefficient)]
    [InlineData(LensKind.EightCoefficient)]
    public void WithWorstViewDropout_ReferenceRule_DropsTheLargestErrorViewAndUsuallyTheOutlier(LensKind lens)
    {
        var rng = new Random(91 + (int)lens);
        var cams = TestRigs.RandomRig(rng, 5, lens);
        var pixels = new Vec2[5];
        var weights = new double[5];
        var (trials, recovered) = (0, 0);
        while (trials < 100)
        {
            var x = TestRigs.RoomPoint(rng);
            if (TestRigs.Observe(cams, x, pixels, weights) < 5)
            {
                continue;
            }

            var bad = rng.Next(5);
            var angle = rng.NextDouble() * 2 * Math.PI;
            pixels[bad] += new Vec2(200 * Math.Cos(angle), 200 * Math.Sin(angle));
            var all = Triangulation.FromPixels(cams, pixels, weights, TriangulationMethod.Algebraic);
            var errors = Enumerable.Range(0, 5).Select(v => cams[v].ReprojectionError(all.Point, pixels[v])).ToArray();
            var worst = Array.IndexOf(errors, errors.Max());

            var result = Triangulation.WithWorstViewDropout(cams, pixels, weights, 16, 2, TriangulationMethod.Algebraic, DropoutSelection.WorstReprojection);

            // The first drop is always the largest-error view; greedy dropping can then lose good views too.
            Assert.True(errors.Max() > 16);
            Assert.False(result.IsKept(worst));
            if (!result.IsKept(bad) && Vec3.Distance(result.Point, x) < 1)
            {
                recovered++;
            }

            trials++;
        }

        Assert.True(recovered >= 90, $"recovered {recovered} of 100");
    }

    [Fact]
    public void WithWorstViewDropout_ConsistentViews_KeepsThemAll()
    {
        var rng = new Random(84);
        var cams = TestRigs.RandomRig(rng, 5, LensKind.FiveCoefficient);
        var x = new Vec3(200, -100, 1000);
        var pixels = cams.Select(c => c.Project(x).Pixel + new Vec2(TestRigs.Gaussian(rng), TestRigs.Gaussian(rng))).ToArray();

        var result = Triangulation.WithWorstViewDropout(cams, pixels, [1.0, 1.0, 1.0, 1.0, 1.0], 16, 2);

        Assert.True(result.IsValid);
        Assert.Equal(0b11111UL, result.KeptViews);
        Assert.InRange(result.WorstReprojectionErrorPx, 0, 16);
        Assert.Equal(Triangulation.FromPixels(cams, pixels, [1.0, 1.0, 1.0, 1.0, 1.0], TriangulationMethod.Algebraic), result.Triangulation);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(1, 2)]
    public void WithWorstViewDropout_ThresholdNeverMet_StopsAtMinViews(int minViews, int expectedKept)
    {
        var rng = new Random(85);
        var cams = TestRigs.RandomRig(rng, 6, LensKind.Pinhole);
        var x = new Vec3(-100, 300, 900);
        var pixels = cams.Select(c => c.Project(x).Pixel + new Vec2(3 * TestRigs.Gaussian(rng), 3 * TestRigs.Gaussian(rng))).ToArray();

        var result = Triangulation.WithWorstViewDropout(cams, pixels, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0], 1e-9, minViews);

        Assert.True(result.IsValid);
        Assert.Equal(expectedKept, result.KeptCount);
        Assert.True(result.WorstReprojectionErrorPx > 1e-9);
    }

    [Fact]
    public void WithWorstViewDropout_ZeroWeightAndNaNViews_AreNeverKept()
    {
        var rng = new Random(86);
        var cams = TestRigs.RandomRig(rng, 4, LensKind.FiveCoefficient);
        var x = new Vec3(0, 0, 1200);
        var pixels = cams.Select(c => c.Project(x).Pixel).ToArray();
        pixels[3] = new Vec2(double.NaN, 0);

        var result = Triangulation.WithWorstViewDropout(cams, pixels, [1.0, 0.0, 1.0, 1.0], 16, 2);

        Assert.True(result.IsValid);
        Assert.Equal(0b101UL, result.KeptViews);
        Assert.True(result.IsKept(0) && !result.IsKept(1) && result.IsKept(2) && !result.IsKept(3));
        Assert.False(result.IsKept(-1));
        Assert.False(result.IsKept(64));
    }

    [Fact]
    public void WithWorstViewDropout_SingleView_IsInvalidWithInfiniteError()
    {
        var cams = TestRigs.RandomRig(new Random(87), 2, LensKind.Pinhole);

        var result = Triangulation.WithWorstViewDropout(cams, [new Vec2(900, 500), new Vec2(900, 500)], [1.0, 0.0], 16, 2);

        Assert.False(result.IsValid);
        Assert.Equal(1UL, result.KeptViews);
        Assert.True(double.IsPositiveInfinity(result.WorstReprojectionErrorPx));
        Assert.Equal(Vec3.Zero, result.Point);
    }

    [Fact]
    public void WithWorstViewDropout_BadThreshold_Throws()
    {
        var cams = TestRigs.RandomRig(new Random(88), 2, LensKind.Pinhole);

        Assert.Throws<ArgumentOutOfRangeException>(() => Triangulation.WithWorstViewDropout(cams, new Vec2[2], new double[2], double.NaN, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Triangulation.WithWorstViewDropout(cams, new Vec2[2], new double[2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Triangulation.WithWorstViewDropout(cams, new Vec2[2], new double[2], 16, 2, TriangulationMethod.Algebraic, (DropoutSelection)7));
    }
}
