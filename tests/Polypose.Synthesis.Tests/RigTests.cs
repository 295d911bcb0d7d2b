using Polypose.Geometry;
using Polypose.Synthesis.Rigs;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Tests;

public sealed class RigTests
{
    [Theory]
    [InlineData("ring:5", RigKind.Ring, 5)]
    [InlineData("Corners:4", RigKind.Corners, 4)]
    [InlineData("ceiling", RigKind.Ceiling, 5)]
    [InlineData(" mixed:10 ", RigKind.Mixed, 10)]
    [InlineData("random:2", RigKind.Random, 2)]
    public void Parse_ValidText_ReturnsKindAndCount(string text, RigKind kind, int count)
    {
        var spec = RigSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(count, spec.Cameras);
        Assert.Equal(spec, RigSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("dome:5")]
    [InlineData("3:5")]
    [InlineData("")]
    public void Parse_UnknownKind_ListsKnownKinds(string text)
    {
        var ex = Assert.Throws<FormatException>(() => RigSpec.Parse(text));
        Assert.Contains("ring, corners, ceiling, mixed, random", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ring:1")]
    [InlineData("ring:11")]
    [InlineData("ring:x")]
    [InlineData("ring:5:2")]
    public void Parse_BadCount_Throws(string text) => Assert.Throws<FormatException>(() => RigSpec.Parse(text));

    public static TheoryData<RigKind, int, bool> Rigs()
    {
        var data = new TheoryData<RigKind, int, bool>();
        foreach (var kind in Enum.GetValues<RigKind>())
        {
            data.Add(kind, 2, false);
            data.Add(kind, 10, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void Build_AnyRig_EveryCameraSeesRoomCentre(RigKind kind, int count, bool distortion)
    {
        var cams = RigBuilder.Build(new RigSpec(kind, count), 6000, 5000, new Pcg32(42), new RigOptions { Distortion = distortion });
        Assert.Equal(count, cams.Count);
        Assert.Equal(count, cams.Select(c => c.Name).Distinct().Count());
        foreach (var cam in cams)
        {
            var centre = cam.Project(new Vec3(0, 0, RigBuilder.AimHeight));
            Assert.True(centre.InImage, $"{kind} {cam.Name} does not see the room centre");
            var fov = 2 * Math.Atan(cam.Width / 2.0 / cam.Intrinsics.Fx) * 180 / Math.PI;
            Assert.InRange(fov, 49.9, 90.1);
            Assert.Equal(distortion, !cam.Distortion.IsZero);

            // Image y points down: a point 1 m above the aim point is higher in the image.
            var above = cam.Project(new Vec3(0, 0, RigBuilder.AimHeight + 1000));
            Assert.True(!above.InFront || above.Pixel.Y < centre.Pixel.Y);
        }
    }

    [Fact]
    public void Build_Ceiling_CamerasAreHigherThanRing()
    {
        var ring = RigBuilder.Build(new RigSpec(RigKind.Ring, 6), 6000, 6000, new Pcg32(1));
        var ceiling = RigBuilder.Build(new RigSpec(RigKind.Ceiling, 6), 6000, 6000, new Pcg32(1));
        Assert.All(ring, c => Assert.InRange(c.Center.Z, 2000, 2500));
        Assert.All(ceiling, c => Assert.InRange(c.Center.Z, 3400, 4000));
    }

    [Fact]
    public void LookAt_CameraLooksAlongWorldY_RightIsWorldX()
    {
        var cam = RigBuilder.LookAt("c", 100, 100, new Intrinsics(50, 50, 49.5, 49.5), new Vec3(0, -5000, 1000), new Vec3(0, 0, 1000));
        var right = cam.Project(new Vec3(500, 0, 1000));
        Assert.True(right.Pixel.X > 49.5);
        Assert.Equal(49.5, cam.Project(new Vec3(0, 0, 1000)).Pixel.X, 9);
    }
}
