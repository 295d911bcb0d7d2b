namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class CameraTests
{
    private static readonly Intrinsics K = new(1200, 1180, 950, 530);

    [Fact]
    public void Project_PointOnOpticalAxis_LandsOnPrincipalPoint()
    {
        var cam = TestRigs.LookAt("c", new Vec3(3000, -2000, 2500), new Vec3(0, 0, 1000), K, new Distortion { K1 = -0.25, K2 = 0.1 });
        var onAxis = cam.Center + (cam.Forward * 3500);

        var p = cam.Project(onAxis);

        Assert.True(p.IsValid);
        Assert.True(p.InImage);
        Assert.Equal(3500, p.Depth, 9);
        Assert.Equal(950, p.Pixel.X, 9);
        Assert.Equal(530, p.Pixel.Y, 9);
    }

    [Fact]
    public void Project_LookAtCamera_WorldUpIsImageUp()
    {
        var cam = TestRigs.LookAt("c", new Vec3(-4000, 0, 1000), new Vec3(0, 0, 1000), K);

        var low = cam.Project(new Vec3(0, 0, 500));
        var high = cam.Project(new Vec3(0, 0, 1500));
        var left = cam.Project(new Vec3(0, 500, 1000));

        Assert.True(high.Pixel.Y < low.Pixel.Y);
        Assert.True(left.Pixel.X < 950);
    }

    [Fact]
    public void Project_PointBehindCamera_IsInvalidWithZeroPixelAndNegativeDepth()
    {
        var cam = TestRigs.LookAt("c", new Vec3(0, -4000, 1500), new Vec3(0, 0, 1500), K);

        var p = cam.Project(new Vec3(0, -6000, 1500));

        Assert.False(p.IsValid);
        Assert.False(p.InImage);
        Assert.Equal(Vec2.Zero, p.Pixel);
        Assert.Equal(-2000, p.Depth, 9);
    }

    [Fact]
    public void Project_PointBeyondTheLensFold_IsInvalidAlthoughInFront()
    {
        // Panoptic 00_03's lens: a point 63° off axis (r = 2) would fold back to r_d ≈ −0.9 and land in the image.
        var lens = new Distortion { K1 = -0.281728, K2 = 0.168097, K3 = -0.0371786 };
        var cam = new Camera("c", 1920, 1080, new Intrinsics(1400, 1400, 960, 540), Mat3.Identity, Vec3.Zero, lens);
        var point = new Vec3(2000, 0, 1000);
        Assert.True(lens.TryDistort(new Vec2(2, 0), out var folded));
        Assert.True(cam.Contains(cam.Intrinsics.ToPixel(folded)));

        var p = cam.Project(point);

        Assert.False(p.IsValid);
        Assert.Equal(1000, p.Depth);
        Assert.True(double.IsPositiveInfinity(cam.ReprojectionError(point, new Vec2(960, 540))));
    }

    [Fact]
    public void TryBackProject_ProjectedPoint_RayPassesThroughThePoint()
    {
        var rng = new Random(31);
        var cams = TestRigs.RandomRig(rng, 6, LensKind.FiveCoefficient);
        foreach (var cam in cams)
        {
            for (var i = 0; i < 50; i++)
            {
                var x = TestRigs.RoomPoint(rng);
                var p = cam.Project(x);
                if (!p.IsValid || !p.InImage)
                {
                    continue;
                }

                Assert.True(cam.TryBackProject(p.Pixel, out var ray));

                Assert.Equal(1, ray.Direction.Length, 12);
                Assert.Equal(cam.Center, ray.Origin);
                Assert.True(ray.DistanceTo(x) < 1e-7, $"distance {ray.DistanceTo(x)}");
                Assert.True(Vec3.Dot(x - ray.Origin, ray.Direction) > 0);
            }
        }
    }

    [Fact]
    public void With_NewTranslationOrRotation_RecomputesCenter()
    {
        var cam = TestRigs.LookAt("c", new Vec3(1000, 2000, 3000), Vec3.Zero, K);
        var r2 = Mat3.FromRodrigues(new Vec3(0.3, -0.2, 0.1));

        var moved = cam with { Translation = new Vec3(10, 20, 30) };
        var turned = cam with { Rotation = r2 };

        Mat3Tests.AssertClose(new Vec3(1000, 2000, 3000), cam.Center, 1e-9);
        Mat3Tests.AssertClose(-(cam.Rotation.Transpose() * new Vec3(10, 20, 30)), moved.Center, 1e-12);
        Mat3Tests.AssertClose(-(r2.Transpose() * cam.Translation), turned.Center, 1e-9);
    }

    [Fact]
    public void Constructor_InvalidCalibration_Throws()
    {
        var scaled = Mat3.Identity * 1.1;
        var reflection = new Mat3(1, 0, 0, 0, 1, 0, 0, 0, -1);

        Assert.Throws<ArgumentException>(() => new Camera("c", 100, 100, K, scaled, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Camera("c", 100, 100, K, reflection, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Camera("c", 0, 100, K, Mat3.Identity, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Camera("c", 100, 100, K, Mat3.Identity, new Vec3(double.NaN, 0, 0)));
        Assert.Throws<ArgumentException>(() => new Camera("c", 100, 100, K with { Fx = -5 }, Mat3.Identity, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Camera("", 100, 100, K, Mat3.Identity, Vec3.Zero));
        var ok = new Camera("c", 100, 100, K, Mat3.Identity, Vec3.Zero);
        Assert.Throws<ArgumentException>(() => ok with { Rotation = scaled });
    }

    [Fact]
    public void ReprojectionError_KnownOffset_IsItsLength()
    {
        var cam = TestRigs.LookAt("c", new Vec3(0, -4000, 1500), new Vec3(0, 0, 1000), K, new Distortion { K1 = -0.2 });
        var x = new Vec3(200, 100, 900);
        var p = cam.Project(x).Pixel;

        Assert.Equal(5, cam.ReprojectionError(x, p + new Vec2(3, 4)), 9);
        Assert.Equal(5, Triangulation.ReprojectionError(cam, x, p + new Vec2(-4, 3)), 9);
        Assert.True(double.IsPositiveInfinity(cam.ReprojectionError(x, new Vec2(double.NaN, 1))));
    }

    [Fact]
    public void Extrinsics_AppliedToAWorldPoint_MatchesWorldToCamera()
    {
        var cam = TestRigs.LookAt("c", new Vec3(1000, 2000, 3000), Vec3.Zero, K);
        var x = new Vec3(-300, 400, 500);

        Assert.Equal(cam.WorldToCamera(x), cam.Extrinsics.Apply(x));
        Mat3Tests.AssertClose(cam.Center, cam.Extrinsics.Inverse().Apply(Vec3.Zero), 1e-9);
    }

    [Fact]
    public void RayDistance_TwoCamerasAndAKnownGap_IsTheGap()
    {
        var a = TestRigs.LookAt("a", new Vec3(-3000, -3000, 1500), Vec3.Zero, K);
        var b = TestRigs.LookAt("b", new Vec3(3000, -3000, 1500), Vec3.Zero, K);
        var x = new Vec3(100, 200, 1000);

        // Shift camera b by 40 mm along the common normal of both rays: its ray through x moves parallel by 40 mm.
        var pa = a.Project(x).Pixel;
        var da = (x - a.Center).Normalized();
        var db = (x - b.Center).Normalized();
        var normal = Vec3.Cross(da, db).Normalized();
        var shifted = b with { Translation = -(b.Rotation * (b.Center + (normal * 40))) };
        var pb = shifted.Project(x + (normal * 40)).Pixel;

        Assert.True(Camera.RayDistance(a, pa, b, b.Project(x).Pixel) < 1e-7);
        Assert.Equal(40, Camera.RayDistance(a, pa, shifted, pb), 6);
        Assert.True(double.IsPositiveInfinity(Camera.RayDistance(a, new Vec2(double.NaN, 0), b, pb)));
    }
}
