using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class PoseErrorsTests
{
    [Fact]
    public void Mpjpe_KnownOffsets_IsMeanDistance()
    {
        Vec3[] gt = [new(0, 0, 0), new(100, 0, 0), new(0, 100, 0)];
        Vec3[] pred = [new(3, 4, 0), new(100, 0, 10), new(0, 100, 0)];
        var r = PoseErrors.Mpjpe(pred, gt, []);
        Assert.Equal((5.0 + 10 + 0) / 3, r.Value, 12);
        Assert.Equal(3, r.JointCount);
    }

    [Fact]
    public void Mpjpe_MaskedJoint_IsIgnored()
    {
        Vec3[] gt = [new(0, 0, 0), new(100, 0, 0)];
        Vec3[] pred = [new(0, 0, 0), new(900, 0, 0)];
        var r = PoseErrors.Mpjpe(pred, gt, [true, false]);
        Assert.Equal(0, r.Value, 12);
        Assert.Equal(1, r.JointCount);
    }

    [Fact]
    public void Mpjpe_EmptyMask_IsInvalidNotNaN()
    {
        Vec3[] gt = [new(0, 0, 0)];
        var r = PoseErrors.Mpjpe(gt, gt, [false]);
        Assert.False(r.IsValid);
        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void PaMpjpe_RotatedScaledTranslatedCopy_IsZero()
    {
        // Arrange: a random 15-joint pose and a copy under a known similarity (rotation about a skew axis, ×1.7, shift).
        var rng = new Random(7);
        var gt = Enumerable.Range(0, 15).Select(_ => new Vec3(rng.NextDouble() * 1000, rng.NextDouble() * 1000, rng.NextDouble() * 1800)).ToArray();
        var r = Mat3.FromRodrigues(new Vec3(0.4, -1.1, 2.3));
        var pred = gt.Select(p => (r * p * 1.7) + new Vec3(-500, 2000, 30)).ToArray();

        // Act
        var plain = PoseErrors.Mpjpe(pred, gt, []);
        var pa = PoseErrors.PaMpjpe(pred, gt, []);

        // Assert
        Assert.True(plain.Value > 100);
        Assert.Equal(0, pa.Value, 6);
    }

    [Fact]
    public void Rigid_ScaledCopy_KeepsScaleError()
    {
        // A copy scaled ×2 about the centroid: rigid alignment cannot remove it, Procrustes can.
        Vec3[] gt = [new(-100, 0, 0), new(100, 0, 0), new(0, 100, 0), new(0, 0, 100)];
        var centroid = gt.Aggregate(Vec3.Zero, (a, b) => a + b) / gt.Length;
        var pred = gt.Select(p => centroid + ((p - centroid) * 2)).ToArray();
        Assert.True(PoseErrors.Mpjpe(pred, gt, [], Alignment.Rigid).Value > 50);
        Assert.Equal(0, PoseErrors.Mpjpe(pred, gt, [], Alignment.Procrustes).Value, 6);
    }

    [Fact]
    public void PaMpjpe_ReflectedCopy_IsNotZero()
    {
        // Procrustes must use a proper rotation: a mirror image of a chiral point set cannot be aligned exactly.
        Vec3[] gt = [new(0, 0, 0), new(100, 0, 0), new(0, 200, 0), new(0, 0, 300)];
        var pred = gt.Select(p => new Vec3(-p.X, p.Y, p.Z)).ToArray();
        Assert.True(PoseErrors.PaMpjpe(pred, gt, []).Value > 1);
    }

    [Fact]
    public void PerJoint_TranslationAlignment_RemovesCommonOffset()
    {
        Vec3[] gt = [new(0, 0, 0), new(100, 0, 0)];
        Vec3[] pred = [new(50, 0, 0), new(150, 0, 0)];
        var errors = new double[2];
        var compared = new bool[2];
        Assert.Equal(2, PoseErrors.PerJoint(pred, gt, [], Alignment.Translation, errors, compared));
        Assert.Equal(0, errors[0], 9);
        Assert.Equal(0, errors[1], 9);
        Assert.All(compared, Assert.True);
    }

    [Fact]
    public void Pck3d_HalfWithinThreshold_IsHalf()
    {
        Vec3[] gt = [new(0, 0, 0), new(0, 0, 0)];
        Vec3[] pred = [new(150, 0, 0), new(151, 0, 0)];
        Assert.Equal(0.5, Pck.Pck3d(pred, gt, [], 150).Value);
    }
}
