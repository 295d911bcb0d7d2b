namespace Polypose.Geometry;

/// <summary>
/// OpenCV lens distortion: radial k1..k6 of the rational model and tangential p1, p2. The 5-coefficient model
/// (k1, k2, p1, p2, k3) is the special case k4 = k5 = k6 = 0. Coefficients act on normalised camera coordinates.
/// </summary>
public sealed record Distortion
{
    /// <summary>No distortion.</summary>
    public static Distortion None { get; } = new();

    public double K1 { get; init; }

    public double K2 { get; init; }

    public double P1 { get; init; }

    public double P2 { get; init; }

    public double K3 { get; init; }

    public double K4 { get; init; }

    public double K5 { get; init; }

    public double K6 { get; init; }

    /// <summary>True when every coefficient is zero.</summary>
    public bool IsZero => K1 == 0 && K2 == 0 && P1 == 0 && P2 == 0 && K3 == 0 && K4 == 0 && K5 == 0 && K6 == 0;

    /// <summary>True when any of the rational denominators k4..k6 is non-zero (the 8-coefficient model).</summary>
    public bool IsRational => K4 != 0 || K5 != 0 || K6 != 0;

    /// <summary>
    /// Builds from coefficients in OpenCV order (k1, k2, p1, p2[, k3[, k4, k5, k6]]). Lengths 0, 4, 5, 8 are the usual ones;
    /// longer vectors (thin-prism, tilt) are accepted only when the extra terms are zero.
    /// </summary>
    public static Distortion FromOpenCv(ReadOnlySpan<double> c)
    {
        for (var i = 8; i < c.Length; i++)
        {
            if (c[i] != 0)
            {
                throw new ArgumentException($"distortion coefficient {i} is {c[i]}; only the 8-coefficient rational model is supported", nameof(c));
            }
        }

        double Get(ReadOnlySpan<double> v, int i) => i < v.Length ? v[i] : 0;
        return new Distortion
        {
            K1 = Get(c, 0),
            K2 = Get(c, 1),
            P1 = Get(c, 2),
            P2 = Get(c, 3),
            K3 = Get(c, 4),
            K4 = Get(c, 5),
            K5 = Get(c, 6),
            K6 = Get(c, 7),
        };
    }

    /// <summary>Coefficients in OpenCV order: 5 values when not rational, else 8.</summary>
    public double[] ToOpenCv() => IsRational ? [K1, K2, P1, P2, K3, K4, K5, K6] : [K1, K2, P1, P2, K3];

    /// <summary>
    /// Applies the distortion to a normalised point. Returns false (and the undistorted input) when the rational
    /// denominator vanishes, which happens only far outside any real lens's field of view.
    /// </summary>
    public bool TryDistort(Vec2 normalized, out Vec2 distorted)
    {
        var x = normalized.X;
        var y = normalized.Y;
        var r2 = (x * x) + (y * y);
        var r4 = r2 * r2;
        var r6 = r4 * r2;
        var num = 1 + (K1 * r2) + (K2 * r4) + (K3 * r6);
        var den = 1 + (K4 * r2) + (K5 * r4) + (K6 * r6);
        if (Math.Abs(den) < 1e-12)
        {
            distorted = normalized;
            return false;
        }

        var radial = num / den;
        var dx = (2 * P1 * x * y) + (P2 * (r2 + (2 * x * x)));
        var dy = (P1 * (r2 + (2 * y * y))) + (2 * P2 * x * y);
        distorted = new Vec2((x * radial) + dx, (y * radial) + dy);
        return distorted.IsFinite;
    }

    /// <summary>
    /// Inverts <see cref="TryDistort"/> by fixed-point iteration (OpenCV's undistortPoints scheme) followed by a
    /// Newton polish. Returns false when it does not converge to within 1e-12 (normalised units).
    /// </summary>
    public bool TryUndistort(Vec2 distorted, out Vec2 normalized, int iterations = 20)
    {
        if (IsZero)
        {
            normalized = distorted;
            return distorted.IsFinite;
        }

        var x0 = distorted.X;
        var y0 = distorted.Y;
        var x = x0;
        var y = y0;
        for (var i = 0; i < iterations; i++)
        {
            var r2 = (x * x) + (y * y);
            var r4 = r2 * r2;
            var r6 = r4 * r2;
            var num = 1 + (K1 * r2) + (K2 * r4) + (K3 * r6);
            var den = 1 + (K4 * r2) + (K5 * r4) + (K6 * r6);
            if (Math.Abs(num) < 1e-12)
            {
                break;
            }

            var icdist = den / num;
            var dx = (2 * P1 * x * y) + (P2 * (r2 + (2 * x * x)));
            var dy = (P1 * (r2 + (2 * y * y))) + (2 * P2 * x * y);
            x = (x0 - dx) * icdist;
            y = (y0 - dy) * icdist;
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                break;
            }
        }

        // Newton polish with a numerical Jacobian: makes the inverse exact where the fixed point converges slowly.
        for (var i = 0; i < 8 && double.IsFinite(x) && double.IsFinite(y); i++)
        {
            if (!TryDistort(new Vec2(x, y), out var f))
            {
                break;
            }

            var ex = f.X - x0;
            var ey = f.Y - y0;
            if ((ex * ex) + (ey * ey) < 1e-26)
            {
                break;
            }

            const double h = 1e-7;
            TryDistort(new Vec2(x + h, y), out var fx);
            TryDistort(new Vec2(x, y + h), out var fy);
            var a = (fx.X - f.X) / h;
            var b = (fy.X - f.X) / h;
            var c = (fx.Y - f.Y) / h;
            var d = (fy.Y - f.Y) / h;
            var det = (a * d) - (b * c);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            x -= ((d * ex) - (b * ey)) / det;
            y -= ((-c * ex) + (a * ey)) / det;
        }

        normalized = new Vec2(x, y);
        if (!normalized.IsFinite || !TryDistort(normalized, out var check))
        {
            return false;
        }

        return (check - distorted).LengthSquared < 1e-18 * Math.Max(1, distorted.LengthSquared);
    }
}
