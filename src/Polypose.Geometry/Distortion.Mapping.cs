namespace Polypose.Geometry;

/// <summary>The forward and inverse distortion maps on normalised camera coordinates.</summary>
public sealed partial record Distortion
{
    /// <summary>
    /// Applies the distortion to a normalised point (x/z, y/z): OpenCV's
    /// x_d = x·(1 + k1 r² + k2 r⁴ + k3 r⁶)/(1 + k4 r² + k5 r⁴ + k6 r⁶) + 2 p1 x y + p2 (r² + 2x²), and likewise for y.
    /// Returns false (and the input unchanged) when the rational denominator vanishes or the result is not finite.
    /// </summary>
    public bool TryDistort(Vec2 normalized, out Vec2 distorted)
    {
        if (!Evaluate(normalized.X, normalized.Y, out var u, out var v, out _, out _))
        {
            distorted = normalized;
            return false;
        }

        distorted = new Vec2(u, v);
        return true;
    }

    /// <summary>
    /// True where the lens model is one-to-one around this normalised point: the radial factor f(r) is positive and
    /// r·f(r) still increases with r. Polynomial fits fold back beyond some radius (usually well outside the image);
    /// points past the fold project to meaningless pixels, so <see cref="Camera.Project"/> rejects them.
    /// </summary>
    public bool IsWithinValidRadius(Vec2 normalized)
    {
        if (IsZero)
        {
            return normalized.IsFinite;
        }

        var r2 = normalized.LengthSquared;
        if (!Radial(r2, out var f, out var g))
        {
            return false;
        }

        return f > 0 && f + (2 * r2 * g) > 0;
    }

    /// <summary>
    /// Inverts <see cref="TryDistort"/>: OpenCV's fixed-point iteration (undistortPoints) for at most
    /// <paramref name="iterations"/> steps (it stops once a step moves less than 1e-9), then Newton steps with the
    /// analytic Jacobian. Returns false (and a finite
    /// value) when the result does not reproduce the input to 1e-12 (relative, normalised units), or lies beyond the
    /// fold of the model (<see cref="IsWithinValidRadius"/>), or the input is not finite.
    /// </summary>
    public bool TryUndistort(Vec2 distorted, out Vec2 normalized, int iterations = 20)
    {
        if (!distorted.IsFinite)
        {
            normalized = Vec2.Zero;
            return false;
        }

        if (IsZero)
        {
            normalized = distorted;
            return true;
        }

        var x0 = distorted.X;
        var y0 = distorted.Y;
        var x = x0;
        var y = y0;
        for (var i = 0; i < iterations; i++)
        {
            var r2 = (x * x) + (y * y);
            if (!Radial(r2, out var f, out _) || Math.Abs(f) < 1e-12)
            {
                break;
            }

            var dx = (2 * P1 * x * y) + (P2 * (r2 + (2 * x * x)));
            var dy = (P1 * (r2 + (2 * y * y))) + (2 * P2 * x * y);
            var nx = (x0 - dx) / f;
            var ny = (y0 - dy) / f;
            if (!double.IsFinite(nx) || !double.IsFinite(ny))
            {
                break;
            }

            var moved = Math.Abs(nx - x) + Math.Abs(ny - y);
            x = nx;
            y = ny;
            if (moved < 1e-9)
            {
                // Close enough for Newton, which converges quadratically from here.
                break;
            }
        }

        if (!(((x * x) + (y * y)) < 1e8))
        {
            x = x0;
            y = y0;
        }

        var tolerance = 1e-12 * Math.Max(1, distorted.Length);
        for (var i = 0; i < 12; i++)
        {
            if (!Evaluate(x, y, out var u, out var v, out var f, out var g))
            {
                break;
            }

            var ex = u - x0;
            var ey = v - y0;
            if (Math.Sqrt((ex * ex) + (ey * ey)) <= tolerance * 1e-3)
            {
                break;
            }

            Jacobian(x, y, f, g, out var a, out var b, out var c, out var d);
            var det = (a * d) - (b * c);
            if (!(Math.Abs(det) > 1e-12))
            {
                break;
            }

            var sx = ((d * ex) - (b * ey)) / det;
            var sy = ((-c * ex) + (a * ey)) / det;
            if (!double.IsFinite(sx) || !double.IsFinite(sy))
            {
                break;
            }

            x -= sx;
            y -= sy;
            if (Math.Abs(sx) + Math.Abs(sy) < 1e-16 * (1 + Math.Abs(x) + Math.Abs(y)))
            {
                break;
            }
        }

        normalized = new Vec2(x, y);
        if (!normalized.IsFinite)
        {
            normalized = Vec2.Zero;
            return false;
        }

        return TryDistort(normalized, out var check)
            && (check - distorted).Length <= tolerance
            && IsWithinValidRadius(normalized);
    }

    /// <summary>Radial factor f(r²) = num/den and its derivative g = df/d(r²); false when the denominator vanishes.</summary>
    private bool Radial(double r2, out double f, out double g)
    {
        var r4 = r2 * r2;
        var r6 = r4 * r2;
        var num = 1 + (K1 * r2) + (K2 * r4) + (K3 * r6);
        var den = 1 + (K4 * r2) + (K5 * r4) + (K6 * r6);
        if (!(Math.Abs(den) >= 1e-12))
        {
            f = 1;
            g = 0;
            return false;
        }

        var dnum = K1 + (2 * K2 * r2) + (3 * K3 * r4);
        var dden = K4 + (2 * K5 * r2) + (3 * K6 * r4);
        f = num / den;
        g = ((dnum * den) - (num * dden)) / (den * den);
        return double.IsFinite(f) && double.IsFinite(g);
    }

    private bool Evaluate(double x, double y, out double u, out double v, out double f, out double g)
    {
        var r2 = (x * x) + (y * y);
        if (!Radial(r2, out f, out g))
        {
            u = 0;
            v = 0;
            return false;
        }

        u = (x * f) + (2 * P1 * x * y) + (P2 * (r2 + (2 * x * x)));
        v = (y * f) + (P1 * (r2 + (2 * y * y))) + (2 * P2 * x * y);
        return double.IsFinite(u) && double.IsFinite(v);
    }

    /// <summary>The Jacobian [[a, b], [c, d]] of the distortion map at (x, y), given f and g from <see cref="Radial"/>.</summary>
    private void Jacobian(double x, double y, double f, double g, out double a, out double b, out double c, out double d)
    {
        var cross = (2 * x * y * g) + (2 * P1 * x) + (2 * P2 * y);
        a = f + (2 * x * x * g) + (2 * P1 * y) + (6 * P2 * x);
        b = cross;
        c = cross;
        d = f + (2 * y * y * g) + (6 * P1 * y) + (2 * P2 * x);
    }
}
