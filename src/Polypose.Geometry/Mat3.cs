namespace Polypose.Geometry;

/// <summary>A 3×3 matrix in double precision, row-major (<c>M01</c> is row 0, column 1). Acts on column vectors.</summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity matrix.</summary>
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The zero matrix.</summary>
    public static Mat3 Zero => default;

    /// <summary>Builds a matrix from 9 row-major values.</summary>
    public static Mat3 FromRowMajor(ReadOnlySpan<double> v)
    {
        if (v.Length != 9)
        {
            throw new ArgumentException($"a 3x3 matrix needs 9 values, got {v.Length}", nameof(v));
        }

        return new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /// <summary>Builds a matrix whose rows are the given vectors.</summary>
    public static Mat3 FromRows(Vec3 r0, Vec3 r1, Vec3 r2) => new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);

    /// <summary>Element by row and column.</summary>
    public double this[int row, int col] => ((row * 3) + col) switch
    {
        0 => M00,
        1 => M01,
        2 => M02,
        3 => M10,
        4 => M11,
        5 => M12,
        6 => M20,
        7 => M21,
        8 => M22,
        _ => throw new ArgumentOutOfRangeException(nameof(row), $"({row},{col}) is outside a 3x3 matrix"),
    };

    /// <summary>Row i as a vector.</summary>
    public Vec3 Row(int i) => i switch
    {
        0 => new(M00, M01, M02),
        1 => new(M10, M11, M12),
        2 => new(M20, M21, M22),
        _ => throw new ArgumentOutOfRangeException(nameof(i), i, "row must be 0, 1 or 2"),
    };

    /// <summary>The 9 values in row-major order.</summary>
    public double[] ToRowMajor() => [M00, M01, M02, M10, M11, M12, M20, M21, M22];

    /// <summary>The transpose.</summary>
    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>The determinant.</summary>
    public double Determinant() =>
        (M00 * ((M11 * M22) - (M12 * M21))) - (M01 * ((M10 * M22) - (M12 * M20))) + (M02 * ((M10 * M21) - (M11 * M20)));

    /// <summary>The sum of |R·Rᵀ − I| over the diagonal and upper triangle: 0 for an exact orthonormal matrix.</summary>
    public double OrthonormalityError()
    {
        var rrt = this * Transpose();
        return Math.Abs(rrt.M00 - 1) + Math.Abs(rrt.M11 - 1) + Math.Abs(rrt.M22 - 1) + Math.Abs(rrt.M01) + Math.Abs(rrt.M02) + Math.Abs(rrt.M12);
    }

    /// <summary>True when the matrix is finite, orthonormal to within <paramref name="tolerance"/> and has determinant +1.</summary>
    public bool IsRotation(double tolerance = 1e-6) => IsFinite && OrthonormalityError() <= tolerance && Determinant() > 0;

    /// <summary>True when every element is finite.</summary>
    public bool IsFinite =>
        double.IsFinite(M00) && double.IsFinite(M01) && double.IsFinite(M02) &&
        double.IsFinite(M10) && double.IsFinite(M11) && double.IsFinite(M12) &&
        double.IsFinite(M20) && double.IsFinite(M21) && double.IsFinite(M22);

    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        (m.M00 * v.X) + (m.M01 * v.Y) + (m.M02 * v.Z),
        (m.M10 * v.X) + (m.M11 * v.Y) + (m.M12 * v.Z),
        (m.M20 * v.X) + (m.M21 * v.Y) + (m.M22 * v.Z));

    public static Mat3 operator *(Mat3 a, Mat3 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20),
        (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21),
        (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20),
        (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21),
        (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20),
        (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21),
        (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    public static Mat3 operator *(Mat3 a, double s) => new(
        a.M00 * s, a.M01 * s, a.M02 * s, a.M10 * s, a.M11 * s, a.M12 * s, a.M20 * s, a.M21 * s, a.M22 * s);

    public static Mat3 operator +(Mat3 a, Mat3 b) => new(
        a.M00 + b.M00, a.M01 + b.M01, a.M02 + b.M02,
        a.M10 + b.M10, a.M11 + b.M11, a.M12 + b.M12,
        a.M20 + b.M20, a.M21 + b.M21, a.M22 + b.M22);

    /// <summary>The skew-symmetric matrix [v]× with [v]× w = v × w.</summary>
    public static Mat3 Skew(Vec3 v) => new(0, -v.Z, v.Y, v.Z, 0, -v.X, -v.Y, v.X, 0);

    /// <summary>The outer product a bᵀ.</summary>
    public static Mat3 Outer(Vec3 a, Vec3 b) => new(
        a.X * b.X, a.X * b.Y, a.X * b.Z, a.Y * b.X, a.Y * b.Y, a.Y * b.Z, a.Z * b.X, a.Z * b.Y, a.Z * b.Z);

    /// <summary>Rotation matrix from a Rodrigues (axis times angle in radians) vector.</summary>
    public static Mat3 FromRodrigues(Vec3 r)
    {
        var theta = r.Length;
        if (theta < 1e-12)
        {
            return Identity + Skew(r);
        }

        var k = r / theta;
        var kx = Skew(k);
        return Identity + (kx * Math.Sin(theta)) + (kx * kx * (1 - Math.Cos(theta)));
    }

    /// <summary>
    /// The Rodrigues vector (axis times angle, radians, angle in [0, π]) of a rotation matrix. The angle comes from
    /// atan2(sin, cos), which is accurate at every angle; near π the axis is read from the symmetric part
    /// (R + Rᵀ)/2 − cos θ·I = (1 − cos θ)·k kᵀ and its sign from the skew part.
    /// </summary>
    public Vec3 ToRodrigues()
    {
        // Skew part: R − Rᵀ = 2 sin θ [k]×, so v = 2 sin θ k.
        var v = new Vec3(M21 - M12, M02 - M20, M10 - M01);
        var sin = v.Length / 2;
        var cos = ((M00 + M11 + M22) - 1) / 2;
        var theta = Math.Atan2(sin, cos);
        if (theta < 1e-8)
        {
            // θ / sin θ = 1 + θ²/6 + …; the correction is below double precision here.
            return v * 0.5;
        }

        if (sin > 1e-4 || cos > 0)
        {
            return v * (theta / (2 * sin));
        }

        // Near π the skew part is too small to give the axis accurately.
        var oneMinusCos = 1 - cos;
        var xx = Math.Max(0, (M00 - cos) / oneMinusCos);
        var yy = Math.Max(0, (M11 - cos) / oneMinusCos);
        var zz = Math.Max(0, (M22 - cos) / oneMinusCos);
        Vec3 axis;
        if (xx >= yy && xx >= zz)
        {
            var kx = Math.Sqrt(xx);
            axis = new Vec3(kx, (M01 + M10) / (2 * oneMinusCos * kx), (M02 + M20) / (2 * oneMinusCos * kx));
        }
        else if (yy >= zz)
        {
            var ky = Math.Sqrt(yy);
            axis = new Vec3((M01 + M10) / (2 * oneMinusCos * ky), ky, (M12 + M21) / (2 * oneMinusCos * ky));
        }
        else
        {
            var kz = Math.Sqrt(zz);
            axis = new Vec3((M02 + M20) / (2 * oneMinusCos * kz), (M12 + M21) / (2 * oneMinusCos * kz), kz);
        }

        axis = axis.Normalized();
        if (Vec3.Dot(axis, v) < 0)
        {
            axis = -axis;
        }

        return axis * theta;
    }

    /// <summary>Inverse by the adjugate; returns false when the matrix is singular (|det| &lt; 1e-300) or not finite.</summary>
    public bool TryInvert(out Mat3 inverse)
    {
        var det = Determinant();
        if (!double.IsFinite(det) || Math.Abs(det) < 1e-300)
        {
            inverse = default;
            return false;
        }

        var inv = 1.0 / det;
        inverse = new Mat3(
            ((M11 * M22) - (M12 * M21)) * inv,
            ((M02 * M21) - (M01 * M22)) * inv,
            ((M01 * M12) - (M02 * M11)) * inv,
            ((M12 * M20) - (M10 * M22)) * inv,
            ((M00 * M22) - (M02 * M20)) * inv,
            ((M02 * M10) - (M00 * M12)) * inv,
            ((M10 * M21) - (M11 * M20)) * inv,
            ((M01 * M20) - (M00 * M21)) * inv,
            ((M00 * M11) - (M01 * M10)) * inv);
        return true;
    }
}
