using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// A 2×3 affine map of image points, p' = [[A00, A01], [A10, A11]]·p + (A02, A12), in pixels of the source and
/// destination images (x right, y down).
/// </summary>
public readonly record struct ImageAffine(double A00, double A01, double A02, double A10, double A11, double A12)
{
    /// <summary>The identity map.</summary>
    public static ImageAffine Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>Maps one point.</summary>
    public Vec2 Apply(Vec2 p) => new((A00 * p.X) + (A01 * p.Y) + A02, (A10 * p.X) + (A11 * p.Y) + A12);

    /// <summary>The inverse map (throws <see cref="InvalidOperationException"/> when singular).</summary>
    public ImageAffine Inverse()
    {
        var det = (A00 * A11) - (A01 * A10);
        if (Math.Abs(det) < 1e-300 || !double.IsFinite(det))
        {
            throw new InvalidOperationException($"affine {this} is singular");
        }

        double i00 = A11 / det, i01 = -A01 / det, i10 = -A10 / det, i11 = A00 / det;
        return new ImageAffine(i00, i01, -((i00 * A02) + (i01 * A12)), i10, i11, -((i10 * A02) + (i11 * A12)));
    }

    /// <summary>This map followed by a uniform scaling of the destination by <paramref name="factor"/>.</summary>
    public ImageAffine ThenScale(double factor) => new(A00 * factor, A01 * factor, A02 * factor, A10 * factor, A11 * factor, A12 * factor);

    /// <summary>
    /// The affine that maps three source points onto three destination points exactly (the least-squares solution of a
    /// determined system); throws <see cref="InvalidOperationException"/> when the source points are collinear.
    /// </summary>
    public static ImageAffine FromPoints(ReadOnlySpan<Vec2> source, ReadOnlySpan<Vec2> destination)
    {
        if (source.Length != 3 || destination.Length != 3)
        {
            throw new ArgumentException("exactly three point pairs are needed");
        }

        // Solve [x y 1] per source point: M (3×3) · coefficients = destination coordinate, once for x' and once for y'.
        double a = source[0].X, b = source[0].Y, c = source[1].X, d = source[1].Y, e = source[2].X, f = source[2].Y;
        var det = (a * (d - f)) - (b * (c - e)) + ((c * f) - (d * e));
        if (Math.Abs(det) < 1e-12)
        {
            throw new InvalidOperationException("the three source points are collinear");
        }

        (double P, double Q, double R) Solve(double u0, double u1, double u2)
        {
            // Cramer's rule on [[a b 1], [c d 1], [e f 1]] · (p, q, r) = (u0, u1, u2).
            var p = ((u0 * (d - f)) - (b * (u1 - u2)) + ((u1 * f) - (d * u2))) / det;
            var q = ((a * (u1 - u2)) - (u0 * (c - e)) + ((c * u2) - (u1 * e))) / det;
            var r = ((a * ((d * u2) - (u1 * f))) - (b * ((c * u2) - (u1 * e))) + (u0 * ((c * f) - (d * e)))) / det;
            return (p, q, r);
        }

        var x = Solve(destination[0].X, destination[1].X, destination[2].X);
        var y = Solve(destination[0].Y, destination[1].Y, destination[2].Y);
        return new ImageAffine(x.P, x.Q, x.R, y.P, y.Q, y.R);
    }
}
