namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TriangulationDegenerateTests
{
    public static TheoryData<TriangulationMethod> Methods() => new(Enum.GetValues<TriangulationMethod>());

    [Theory]
    [MemberData(nameof(Methods))]
    public void Solve_ParallelRays_IsInvalid(TriangulationMethod method)
    {
        var d = new Vec3(0, 1, 0);
        Ray[] rays = [new(new Vec3(0, 0, 0), d), new(new Vec3(1000, 0, 0), d), new(new Vec3(0, 0, 500), d)];

        var result = Triangulation.Solve(rays, [1, 1, 1], method);

        AssertInvalid(result);
        Assert.Equal(3, result.ViewsUsed);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Solve_AntiParallelRaysOnOneLine_IsInvalid(TriangulationMethod method)
    {
        Ray[] rays = [new(new Vec3(0, 0, 0), new Vec3(1, 0, 0)), new(new Vec3(5000, 0, 0), new Vec3(-1, 0, 0))];

        AssertInvalid(Triangulation.Solve(rays, [1, 1], method));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FromPixels_SingleView_IsInvalid(TriangulationMethod method)
    {
        var cam = TestRigs.LookAt("c", new Vec3(0, -4000, 1500), Vec3.Zero, new Intrinsics(1200, 1200, 960, 540));

        var result = Triangulation.FromPixels([cam], [new Vec2(900, 500)], [1.0], method);

        AssertInvalid(result);
        Assert.Equal(1, result.ViewsUsed);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FromPixels_AllWeightsZeroNegativeOrNaN_IsInvalid(TriangulationMethod method)
    {
        var cams = TestRigs.RandomRig(new Random(71), 4, LensKind.FiveCoefficient);
        var pixels = cams.Select(c => c.Project(new Vec3(100, 100, 1000)).Pixel).ToArray();

        var result = Triangulation.FromPixels(cams, pixels, [0.0, -1.0, double.NaN, 0.0], method);

        AssertInvalid(result);
        Assert.Equal(0, result.ViewsUsed);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Solve_RaysMeetingBehindTheirOrigins_IsInvalid(TriangulationMethod method)
    {
        // Both lines pass through (0, 0, −1000), but each ray points away from it.
        Ray[] rays =
        [
            new(new Vec3(-1000, 0, 0), new Vec3(-1, 0, 1).Normalized()),
            new(new Vec3(1000, 0, 0), new Vec3(1, 0, 1).Normalized()),
        ];

        AssertInvalid(Triangulation.Solve(rays, [1, 1], method));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FromPixels_NaNPixelInOneOfThreeViews_IgnoresThatView(TriangulationMethod method)
    {
        var cams = TestRigs.RandomRig(new Random(72), 3, LensKind.EightCoefficient);
        var x = new Vec3(-150, 250, 1200);
        var pixels = cams.Select(c => c.Project(x).Pixel).ToArray();
        pixels[1] = new Vec2(double.NaN, 3);

        var result = Triangulation.FromPixels(cams, pixels, [1.0, 1.0, 1.0], method);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.ViewsUsed);
        Assert.True(Vec3.Distance(result.Point, x) < 1e-6);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FromPixels_NaNOrInfinitePixelsInAllButOneView_IsInvalidWithoutNaN(TriangulationMethod method)
    {
        var cams = TestRigs.RandomRig(new Random(73), 3, LensKind.FiveCoefficient);
        Vec2[] pixels = [new(double.NaN, double.NaN), new(900, 500), new(double.PositiveInfinity, 0)];

        var result = Triangulation.FromPixels(cams, pixels, [1.0, 1.0, 1.0], method);

        AssertInvalid(result);
        Assert.True(double.IsPositiveInfinity(Triangulation.MeanSquaredReprojectionError(cams, new Vec3(0, 0, 1000), pixels, [1.0, 0.0, 1.0])));
        Assert.False(double.IsNaN(Triangulation.MeanSquaredReprojectionError(cams, new Vec3(0, 0, 1000), pixels, [1.0, 1.0, 1.0])));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Solve_NaNRay_IsIgnored(TriangulationMethod method)
    {
        var x = new Vec3(0, 0, 1000);
        Ray[] rays =
        [
            new(new Vec3(-3000, -3000, 1500), (x - new Vec3(-3000, -3000, 1500)).Normalized()),
            new(new Vec3(double.NaN, 0, 0), new Vec3(0, 0, 1)),
            new(new Vec3(3000, -3000, 1500), (x - new Vec3(3000, -3000, 1500)).Normalized()),
        ];

        var result = Triangulation.Solve(rays, [1, 1, 1], method);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.ViewsUsed);
        Assert.True(Vec3.Distance(result.Point, x) < 1e-6);
    }

    [Fact]
    public void Solve_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => Triangulation.Algebraic(new Ray[2], new double[3]));
        Assert.Throws<ArgumentException>(() => Triangulation.FromPixels([], new Vec2[1], new double[1], TriangulationMethod.Midpoint));
    }

    private static void AssertInvalid(TriangulationResult result)
    {
        Assert.False(result.IsValid);
        Assert.Equal(Vec3.Zero, result.Point);
        Assert.False(double.IsNaN(result.Residual));
    }
}
