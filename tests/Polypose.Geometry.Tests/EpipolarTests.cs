namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class EpipolarTests
{
    [Theory]
    [InlineData(LensKind.Pinhole)]
    [InlineData(LensKind.FiveCoefficient)]
    [InlineData(LensKind.EightCoefficient)]
    public void Fundamental_ProjectedPairs_SatisfyTheEpipolarConstraint(LensKind lens)
    {
        var rng = new Random(101 + (int)lens);
        var cams = TestRigs.RandomRig(rng, 4, lens);
        for (var i = 0; i < cams.Length; i++)
        {
            for (var j = 0; j < cams.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var f = Epipolar.Fundamental(cams[i], cams[j]);
                var norm = Math.Sqrt(f.ToRowMajor().Sum(v => v * v));
                for (var n = 0; n < 30; n++)
                {
                    var x = TestRigs.RoomPoint(rng);
                    var pa = cams[i].Project(x);
                    var pb = cams[j].Project(x);
                    if (!pa.IsValid || !pb.IsValid || !pa.InImage || !pb.InImage)
                    {
                        continue;
                    }

                    Assert.True(cams[i].TryUndistortPixel(pa.Pixel, out var ua));
                    Assert.True(cams[j].TryUndistortPixel(pb.Pixel, out var ub));
                    var xa = new Vec3(ua.X, ua.Y, 1);
                    var xb = new Vec3(ub.X, ub.Y, 1);

                    var constraint = Vec3.Dot(xb, f * xa) / (norm * xa.Length * xb.Length);

                    Assert.True(Math.Abs(constraint) < 1e-12, $"x_bᵀ F x_a = {constraint}");
                    Assert.True(Epipolar.SymmetricDistance(cams[i], pa.Pixel, cams[j], pb.Pixel) < 1e-6);
                }
            }
        }
    }

    [Fact]
    public void PointLineDistance_PointMovedAcrossTheEpipolarLine_MeasuresTheMove()
    {
        // The epipolar line of p_a in image b is the image of a's ray: build it from two depths along that ray.
        var rng = new Random(104);
        var cams = TestRigs.RandomRig(rng, 2, LensKind.Pinhole);
        var (a, b) = (cams[0], cams[1]);
        var f = Epipolar.Fundamental(a, b);
        for (var trial = 0; trial < 20; trial++)
        {
            var x = TestRigs.RoomPoint(rng);
            var pa = a.Project(x).Pixel;
            var near = b.Project(x).Pixel;
            var far = b.Project(x + ((x - a.Center).Normalized() * 800)).Pixel;
            var along = (far - near) * (1 / (far - near).Length);
            var across = new Vec2(-along.Y, along.X);
            var pb = near + (across * 7) + (along * 55);

            Assert.Equal(7, Epipolar.PointLineDistance(Epipolar.LineInB(f, pa), pb), 6);
            Assert.True(Epipolar.PointLineDistance(Epipolar.LineInB(f, pa), near + (along * 300)) < 1e-6);
        }
    }

    [Fact]
    public void Fundamental_SwappedCameras_IsTheTranspose()
    {
        var cams = TestRigs.RandomRig(new Random(105), 2, LensKind.Pinhole);

        var ab = Epipolar.Fundamental(cams[0], cams[1]);
        var ba = Epipolar.Fundamental(cams[1], cams[0]);

        var scale = ab.ToRowMajor().Max(Math.Abs);
        Mat3Tests.AssertClose(ab.Transpose(), ba, 1e-9 * scale);
    }

    [Fact]
    public void SymmetricDistance_SwappedArguments_IsUnchanged()
    {
        var rng = new Random(106);
        var cams = TestRigs.RandomRig(rng, 2, LensKind.FiveCoefficient);
        var pa = new Vec2(800, 400);
        var pb = new Vec2(1000, 600);

        var d1 = Epipolar.SymmetricDistance(cams[0], pa, cams[1], pb);
        var d2 = Epipolar.SymmetricDistance(cams[1], pb, cams[0], pa);

        Assert.True(d1 > 1);
        Assert.Equal(d1, d2, 9);
    }

    [Fact]
    public void Essential_PureSidewaysBaseline_GivesHorizontalEpipolarLines()
    {
        // Rectified stereo: b is a shifted 200 mm along its x axis, so corresponding points share their row.
        var k = new Intrinsics(1000, 1000, 640, 360);
        var a = new Camera("a", 1280, 720, k, Mat3.Identity, Vec3.Zero);
        var b = new Camera("b", 1280, 720, k, Mat3.Identity, new Vec3(-200, 0, 0));
        var f = Epipolar.Fundamental(a, b);

        var line = Epipolar.LineInB(f, new Vec2(500, 300));

        Assert.Equal(0, line.X / line.Y, 12);
        Assert.Equal(0, Epipolar.PointLineDistance(line, new Vec2(900, 300)), 9);
        Assert.Equal(25, Epipolar.PointLineDistance(line, new Vec2(100, 325)), 9);
    }

    [Fact]
    public void SymmetricDistance_CoincidentCentresOrNaN_IsInfiniteNotNaN()
    {
        var k = new Intrinsics(1000, 1000, 640, 360);
        var a = new Camera("a", 1280, 720, k, Mat3.Identity, Vec3.Zero);
        var b = new Camera("b", 1280, 720, k, Mat3.FromRodrigues(new Vec3(0, 0.2, 0)), Vec3.Zero);

        Assert.True(double.IsPositiveInfinity(Epipolar.SymmetricDistance(a, new Vec2(600, 300), b, new Vec2(700, 300))));
        Assert.True(double.IsPositiveInfinity(Epipolar.SymmetricDistance(a, new Vec2(double.NaN, 300), a with { Translation = new Vec3(100, 0, 0) }, new Vec2(700, 300))));
        Assert.True(double.IsPositiveInfinity(Epipolar.PointLineDistance(new Vec3(0, 0, 1), new Vec2(1, 1))));
    }
}
