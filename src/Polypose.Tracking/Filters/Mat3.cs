namespace Polypose.Tracking.Filters;

/// <summary>A 3×3 matrix value (row-major) for the Kalman smoother's allocation-free arithmetic.</summary>
internal readonly record struct Mat3(double A00, double A01, double A02, double A10, double A11, double A12, double A20, double A21, double A22)
{
    public Mat3 Transposed => new(A00, A10, A20, A01, A11, A21, A02, A12, A22);

    public static Mat3 operator +(Mat3 a, Mat3 b) => new(
        a.A00 + b.A00, a.A01 + b.A01, a.A02 + b.A02, a.A10 + b.A10, a.A11 + b.A11, a.A12 + b.A12, a.A20 + b.A20, a.A21 + b.A21, a.A22 + b.A22);

    public static Mat3 operator -(Mat3 a, Mat3 b) => new(
        a.A00 - b.A00, a.A01 - b.A01, a.A02 - b.A02, a.A10 - b.A10, a.A11 - b.A11, a.A12 - b.A12, a.A20 - b.A20, a.A21 - b.A21, a.A22 - b.A22);

    public static Mat3 operator *(Mat3 a, Mat3 b) => new(
        (a.A00 * b.A00) + (a.A01 * b.A10) + (a.A02 * b.A20), (a.A00 * b.A01) + (a.A01 * b.A11) + (a.A02 * b.A21), (a.A00 * b.A02) + (a.A01 * b.A12) + (a.A02 * b.A22),
        (a.A10 * b.A00) + (a.A11 * b.A10) + (a.A12 * b.A20), (a.A10 * b.A01) + (a.A11 * b.A11) + (a.A12 * b.A21), (a.A10 * b.A02) + (a.A11 * b.A12) + (a.A12 * b.A22),
        (a.A20 * b.A00) + (a.A21 * b.A10) + (a.A22 * b.A20), (a.A20 * b.A01) + (a.A21 * b.A11) + (a.A22 * b.A21), (a.A20 * b.A02) + (a.A21 * b.A12) + (a.A22 * b.A22));

    public static (double, double, double) operator *(Mat3 m, (double X, double Y, double Z) v) => (
        (m.A00 * v.X) + (m.A01 * v.Y) + (m.A02 * v.Z),
        (m.A10 * v.X) + (m.A11 * v.Y) + (m.A12 * v.Z),
        (m.A20 * v.X) + (m.A21 * v.Y) + (m.A22 * v.Z));

    /// <summary>The inverse by the adjugate (the matrix must be non-singular: here a positive-definite covariance).</summary>
    public Mat3 Inverse()
    {
        var c00 = (A11 * A22) - (A12 * A21);
        var c01 = (A12 * A20) - (A10 * A22);
        var c02 = (A10 * A21) - (A11 * A20);
        var det = (A00 * c00) + (A01 * c01) + (A02 * c02);
        var s = 1 / det;
        return new(
            c00 * s, ((A02 * A21) - (A01 * A22)) * s, ((A01 * A12) - (A02 * A11)) * s,
            c01 * s, ((A00 * A22) - (A02 * A20)) * s, ((A02 * A10) - (A00 * A12)) * s,
            c02 * s, ((A01 * A20) - (A00 * A21)) * s, ((A00 * A11) - (A01 * A10)) * s);
    }
}
