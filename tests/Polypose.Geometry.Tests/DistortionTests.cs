namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class DistortionTests
{
    [Theory]
    [InlineData(LensKind.FiveCoefficient, 1)]
    [InlineData(LensKind.FiveCoefficient, 2)]
    [InlineData(LensKind.FiveCoefficient, 3)]
    [InlineData(LensKind.EightCoefficient, 4)]
    [InlineData(LensKind.EightCoefficient, 5)]
    [InlineData(LensKind.EightCoefficient, 6)]
    public void TryUndistort_EveryPixelOfTheImage_DistortsBackToThatPixel(LensKind lens, int seed)
    {
        var rng = new Random(seed);
        var cam = TestRigs.RandomRig(rng, 1, lens)[0];
        Assert.False(cam.Distortion.IsZero);

        for (var gx = 0; gx <= 48; gx++)
        {
            for (var gy = 0; gy <= 27; gy++)
            {
                var pixel = new Vec2(gx * (TestRigs.Width - 1) / 48.0, gy * (TestRigs.Height - 1) / 27.0);

                Assert.True(cam.TryUndistort(pixel, out var n), $"pixel {pixel} did not undistort");
                Assert.True(cam.Distortion.TryDistort(n, out var d));

                Assert.True(Vec2.Distance(cam.Intrinsics.ToPixel(d), pixel) < 1e-9, $"pixel {pixel}");
            }
        }
    }

    [Theory]
    [InlineData(LensKind.FiveCoefficient, 7)]
    [InlineData(LensKind.EightCoefficient, 8)]
    public void TryDistort_NormalisedPointsThatLandInTheImage_UndistortToThemselves(LensKind lens, int seed)
    {
        var rng = new Random(seed);
        var cam = TestRigs.RandomRig(rng, 1, lens)[0];
        var tested = 0;
        for (var i = 0; i < 5000; i++)
        {
            var n = new Vec2(TestRigs.Uniform(rng, -1.2, 1.2), TestRigs.Uniform(rng, -0.8, 0.8));
            if (!cam.Distortion.TryDistort(n, out var d) || !cam.Contains(cam.Intrinsics.ToPixel(d)) || !cam.Distortion.IsWithinValidRadius(n))
            {
                continue;
            }

            Assert.True(cam.Distortion.TryUndistort(d, out var back));

            Assert.True(Vec2.Distance(back, n) < 1e-11, $"{n} -> {d} -> {back}");
            tested++;
        }

        Assert.True(tested > 1000);
    }

    [Fact]
    public void TryUndistort_NoDistortion_IsIdentity()
    {
        var p = new Vec2(0.3, -0.7);

        Assert.True(Distortion.None.TryUndistort(p, out var n));

        Assert.Equal(p, n);
    }

    [Fact]
    public void TryUndistort_PastTheLargestDistortedRadius_FailsWithoutNaN()
    {
        // r_d = r (1 − 0.3 r²) peaks at r = 1/√0.9, where r_d = 0.703; nothing maps to r_d = 0.9.
        var d = new Distortion { K1 = -0.3 };

        var ok = d.TryUndistort(new Vec2(0.9, 0), out var n);

        Assert.False(ok);
        Assert.True(n.IsFinite);
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void TryUndistort_NonFiniteInput_FailsWithFiniteOutput(double x, double y)
    {
        var d = new Distortion { K1 = -0.2, K2 = 0.1 };

        Assert.False(d.TryUndistort(new Vec2(x, y), out var n));

        Assert.True(n.IsFinite);
    }

    [Fact]
    public void IsWithinValidRadius_PanopticLikeLens_FoldsBetweenTheImageAndSeventyDegrees()
    {
        // A Panoptic HD fit (camera 00_03): r·f(r) increases up to r ≈ 1.4 and folds back after it.
        var d = new Distortion { K1 = -0.281728, K2 = 0.168097, P1 = -0.00021431, P2 = 1.8072e-05, K3 = -0.0371786 };

        Assert.True(d.IsWithinValidRadius(new Vec2(0.9, 0.5)));
        Assert.False(d.IsWithinValidRadius(new Vec2(2.0, 0.5)));
    }

    [Fact]
    public void FromOpenCv_FiveAndEightCoefficients_RoundTripsInOpenCvOrder()
    {
        double[] five = [-0.2, 0.1, 0.001, -0.002, 0.03];
        double[] eight = [0.4, -0.1, 0.001, -0.002, 0.03, 0.5, 0.02, -0.01];

        var d5 = Distortion.FromOpenCv(five);
        var d8 = Distortion.FromOpenCv(eight);

        Assert.Equal(0.001, d5.P1);
        Assert.Equal(0.03, d5.K3);
        Assert.False(d5.IsRational);
        Assert.Equal(five, d5.ToOpenCv());
        Assert.True(d8.IsRational);
        Assert.Equal(eight, d8.ToOpenCv());
    }

    [Fact]
    public void FromOpenCv_AllZeroCoefficients_ShareTheNoneInstanceButNegativeZeroKeepsItsSign()
    {
        Assert.Same(Distortion.None, Distortion.FromOpenCv([0, 0, 0, 0, 0]));
        Assert.Same(Distortion.None, Distortion.FromOpenCv([]));

        var negative = Distortion.FromOpenCv([-0.0, 0, 0, 0, 0]);
        Assert.NotSame(Distortion.None, negative);
        Assert.True(double.IsNegative(negative.K1));
    }

    [Fact]
    public void FromOpenCv_NonZeroThinPrismTerm_Throws()
    {
        Assert.Throws<ArgumentException>(() => Distortion.FromOpenCv([0, 0, 0, 0, 0, 0, 0, 0, 0.1]));
    }
}
