namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class Mat3Tests
{
    [Fact]
    public void FromRowMajor_NineValues_RoundTripsThroughToRowMajorAndIndexer()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        var m = Mat3.FromRowMajor(values);

        Assert.Equal(values, m.ToRowMajor());
        Assert.Equal(2, m[0, 1]);
        Assert.Equal(4, m[1, 0]);
        Assert.Equal(new Vec3(7, 8, 9), m.Row(2));
    }

    [Fact]
    public void FromRowMajor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Mat3.FromRowMajor([1, 2, 3]));
    }

    [Fact]
    public void Transpose_RandomMatrices_SwapsIndicesAndReversesProducts()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = RandomMatrix(rng);
            var b = RandomMatrix(rng);

            var at = a.Transpose();

            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    Assert.Equal(a[i, j], at[j, i]);
                }
            }

            Assert.Equal(a, at.Transpose());
            AssertClose((a * b).Transpose(), b.Transpose() * a.Transpose(), 1e-12);
        }
    }

    [Fact]
    public void TryInvert_WellConditionedMatrices_GivesTwoSidedInverse()
    {
        var rng = new Random(12);
        for (var trial = 0; trial < 100; trial++)
        {
            var a = RandomMatrix(rng) + (Mat3.Identity * 3);

            Assert.True(a.TryInvert(out var inv));

            AssertClose(a * inv, Mat3.Identity, 1e-12);
            AssertClose(inv * a, Mat3.Identity, 1e-12);
        }
    }

    [Fact]
    public void TryInvert_SingularOrNaN_ReturnsFalse()
    {
        var rankTwo = Mat3.FromRows(new Vec3(1, 2, 3), new Vec3(4, 5, 6), new Vec3(5, 7, 9));
        var nan = Mat3.Identity with { M11 = double.NaN };

        Assert.False(rankTwo.TryInvert(out _));
        Assert.False(nan.TryInvert(out _));
        Assert.False(Mat3.Zero.TryInvert(out _));
    }

    [Fact]
    public void FromRodrigues_QuarterTurnAboutZ_MapsXToY()
    {
        var r = Mat3.FromRodrigues(new Vec3(0, 0, Math.PI / 2));

        AssertClose(r * new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1e-15);
        AssertClose(r * new Vec3(0, 1, 0), new Vec3(-1, 0, 0), 1e-15);
    }

    [Fact]
    public void FromRodrigues_RandomVectors_GivesProperRotations()
    {
        var rng = new Random(13);
        for (var trial = 0; trial < 200; trial++)
        {
            var r = Mat3.FromRodrigues(TestRigs.RandomUnit(rng) * (rng.NextDouble() * Math.PI));

            Assert.True(r.IsRotation(1e-13));
            Assert.Equal(1, r.Determinant(), 12);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-12)]
    [InlineData(1e-7)]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(Math.PI - 1e-3)]
    [InlineData(Math.PI - 1e-5)]
    [InlineData(Math.PI - 1e-7)]
    [InlineData(Math.PI - 1e-10)]
    public void ToRodrigues_RandomAxes_RoundTripsAngleAndAxis(double angle)
    {
        var rng = new Random(14);
        for (var trial = 0; trial < 100; trial++)
        {
            var rv = TestRigs.RandomUnit(rng) * angle;
            var r = Mat3.FromRodrigues(rv);

            var back = r.ToRodrigues();

            // The matrix round trip is exact at every angle; the vector is unique below π.
            AssertClose(Mat3.FromRodrigues(back), r, 1e-12);
            Assert.True((back - rv).Length < 1e-8, $"angle {angle}: {back} vs {rv}");
        }
    }

    [Fact]
    public void ToRodrigues_HalfTurn_GivesAngleExactlyPiAndTheAxis()
    {
        var rng = new Random(15);
        for (var trial = 0; trial < 100; trial++)
        {
            var axis = TestRigs.RandomUnit(rng);
            var r = Mat3.FromRodrigues(axis * Math.PI);

            var back = r.ToRodrigues();

            Assert.Equal(Math.PI, back.Length, 9);
            Assert.True(Math.Abs(Math.Abs(Vec3.Dot(back.Normalized(), axis)) - 1) < 1e-9);
            AssertClose(Mat3.FromRodrigues(back), r, 1e-12);
        }
    }

    [Fact]
    public void OrthonormalityError_ScaledRotation_IsPositive()
    {
        var r = Mat3.FromRodrigues(new Vec3(0.1, 0.2, 0.3));

        Assert.True(r.OrthonormalityError() < 1e-14);
        Assert.False((r * 1.01).IsRotation(1e-6));
        Assert.False((r * -1).IsRotation(1e-6));
    }

    internal static Mat3 RandomMatrix(Random rng)
    {
        Span<double> v = stackalloc double[9];
        for (var i = 0; i < 9; i++)
        {
            v[i] = TestRigs.Uniform(rng, -1, 1);
        }

        return Mat3.FromRowMajor(v);
    }

    internal static void AssertClose(Mat3 expected, Mat3 actual, double tolerance)
    {
        var e = expected.ToRowMajor();
        var a = actual.ToRowMajor();
        for (var i = 0; i < 9; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"element {i}: expected {e[i]}, got {a[i]} (tolerance {tolerance})");
        }
    }

    internal static void AssertClose(Vec3 expected, Vec3 actual, double tolerance) =>
        Assert.True((expected - actual).Length <= tolerance, $"expected {expected}, got {actual} (tolerance {tolerance})");
}
