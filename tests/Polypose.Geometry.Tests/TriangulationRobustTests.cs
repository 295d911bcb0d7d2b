namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TriangulationRobustTests
{
    [Theory]
    [InlineData(LensKind.Pinhole)]
    [InlineData(LensKind.FiveCoefficient)]
    public void RefineRobust_80PixelOutlierInOneOfFourViews_PullsThePointBackOntoTheAgreeingViews(LensKind lens)
    {
        var rng = new Random(301 + (int)lens);
        var cams = TestRigs.RandomRig(rng, 4, lens);
        var pixels = new Vec2[4];
        var weights = new double[4];
        var trials = 0;
        while (trials < 30)
        {
            var x = TestRigs.RoomPoint(rng);
            if (TestRigs.Observe(cams, x, pixels, weights) < 4)
            {
                continue;
            }

            var bad = rng.Next(4);
            var angle = rng.NextDouble() * 2 * Math.PI;
            pixels[bad] += new Vec2(80 * Math.Cos(angle), 80 * Math.Sin(angle));
            var plain = Triangulation.FromPixels(cams, pixels, weights, TriangulationMethod.Algebraic);
            Assert.True(plain.IsValid);

            var refined = Triangulation.RefineRobust(cams, pixels, weights, plain.Point, 7);

            var before = Vec3.Distance(plain.Point, x);
            var after = Vec3.Distance(refined, x);
            Assert.True(before > 5, $"the outlier should move the plain triangulation ({before:F2} mm)");
            Assert.True(after < 6 && after < before / 10, $"refined {after:F2} mm from the truth, plain {before:F2} mm");
            for (var v = 0; v < 4; v++)
            {
                if (v != bad)
                {
                    Assert.True(cams[v].ReprojectionError(refined, pixels[v]) < 2, $"view {v} off by {cams[v].ReprojectionError(refined, pixels[v]):F2} px");
                }
            }

            trials++;
        }
    }

    [Fact]
    public void RefineRobust_ExactViews_StaysOnTheTruePoint()
    {
        var rng = new Random(302);
        var cams = TestRigs.RandomRig(rng, 3, LensKind.FiveCoefficient);
        var pixels = new Vec2[3];
        var weights = new double[3];
        var x = TestRigs.RoomPoint(rng);
        while (TestRigs.Observe(cams, x, pixels, weights) < 3)
        {
            x = TestRigs.RoomPoint(rng);
        }

        var refined = Triangulation.RefineRobust(cams, pixels, weights, x + new Vec3(30, -20, 10), 7);

        Assert.True(Vec3.Distance(refined, x) < 1e-3, $"{Vec3.Distance(refined, x)} mm");
    }

    [Fact]
    public void RefineRobust_FewerThanTwoViewsOrNoScale_ReturnsTheStart()
    {
        var rng = new Random(303);
        var cams = TestRigs.RandomRig(rng, 3, LensKind.Pinhole);
        var pixels = new Vec2[3];
        var weights = new double[3];
        var x = TestRigs.RoomPoint(rng);
        while (TestRigs.Observe(cams, x, pixels, weights) < 3)
        {
            x = TestRigs.RoomPoint(rng);
        }

        var start = x + new Vec3(50, 0, 0);
        Assert.Equal(start, Triangulation.RefineRobust(cams, pixels, weights, start, 0));
        weights[1] = weights[2] = 0;
        Assert.Equal(start, Triangulation.RefineRobust(cams, pixels, weights, start, 7));
    }
}
