namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TransformTests
{
    [Fact]
    public void WithWorldTransform_RandomSimilarities_KeepsEveryProjection()
    {
        var rng = new Random(41);
        var cams = TestRigs.RandomRig(rng, 4, LensKind.FiveCoefficient);
        for (var trial = 0; trial < 20; trial++)
        {
            var t = RandomSimilarity(rng);
            foreach (var cam in cams)
            {
                var moved = cam.WithWorldTransform(t);

                Mat3Tests.AssertClose(t.Apply(cam.Center), moved.Center, 1e-6);
                for (var i = 0; i < 20; i++)
                {
                    var x = TestRigs.RoomPoint(rng);
                    var before = cam.Project(x);
                    var after = moved.Project(t.Apply(x));

                    Assert.Equal(before.IsValid, after.IsValid);
                    Assert.True(Vec2.Distance(before.Pixel, after.Pixel) < 1e-7);
                    Assert.Equal(before.Depth * t.Scale, after.Depth, 6);
                }
            }
        }
    }

    [Fact]
    public void WithWorldTransform_DefaultSimilarity_Throws()
    {
        var cam = TestRigs.LookAt("c", new Vec3(0, -3000, 1000), Vec3.Zero, new Intrinsics(1000, 1000, 500, 500));

        Assert.Throws<ArgumentException>(() => cam.WithWorldTransform(default(Similarity3)));
    }

    [Fact]
    public void Similarity3_InverseAndComposition_AreConsistent()
    {
        var rng = new Random(42);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = RandomSimilarity(rng);
            var b = RandomSimilarity(rng);
            var p = TestRigs.RoomPoint(rng);

            Mat3Tests.AssertClose(p, a.Inverse().Apply(a.Apply(p)), 1e-8);
            Mat3Tests.AssertClose(a.Apply(b.Apply(p)), (a * b).Apply(p), 1e-7);
        }
    }

    [Fact]
    public void Similarity3_BadScaleOrRotation_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Similarity3(0, Mat3.Identity, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Similarity3(double.NaN, Mat3.Identity, Vec3.Zero));
        Assert.Throws<ArgumentException>(() => new Similarity3(1, Mat3.Identity * 2, Vec3.Zero));
    }

    [Fact]
    public void Pose3_InverseAndComposition_AreConsistent()
    {
        var rng = new Random(43);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = new Pose3(Mat3.FromRodrigues(TestRigs.RandomUnit(rng) * 2), TestRigs.RoomPoint(rng));
            var b = new Pose3(Mat3.FromRodrigues(TestRigs.RandomUnit(rng) * 1), TestRigs.RoomPoint(rng));
            var p = TestRigs.RoomPoint(rng);

            Mat3Tests.AssertClose(p, a.Inverse().Apply(a.Apply(p)), 1e-9);
            Mat3Tests.AssertClose(a.Apply(b.Apply(p)), (a * b).Apply(p), 1e-9);
            Mat3Tests.AssertClose(a.ApplyToDirection(Vec3.UnitZ), a.Apply(Vec3.UnitZ) - a.Apply(Vec3.Zero), 1e-9);
        }
    }

    [Fact]
    public void Scaling_MetresToMillimetres_MultipliesByAThousand()
    {
        var s = Similarity3.Scaling(1000);

        Assert.Equal(new Vec3(1500, -2000, 250), s.Apply(new Vec3(1.5, -2, 0.25)));
    }

    private static Similarity3 RandomSimilarity(Random rng) =>
        new(TestRigs.Uniform(rng, 0.5, 20), Mat3.FromRodrigues(TestRigs.RandomUnit(rng) * TestRigs.Uniform(rng, 0, 3)), TestRigs.RoomPoint(rng));
}
