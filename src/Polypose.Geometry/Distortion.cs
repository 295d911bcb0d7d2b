namespace Polypose.Geometry;

/// <summary>
/// OpenCV lens distortion: radial k1..k6 of the rational model and tangential p1, p2. The 5-coefficient model
/// (k1, k2, p1, p2, k3) is the special case k4 = k5 = k6 = 0. Coefficients act on normalised camera coordinates.
/// </summary>
public sealed partial record Distortion
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

        var zero = true;
        foreach (var v in c)
        {
            zero &= BitConverter.DoubleToInt64Bits(v) == 0;
        }

        if (zero)
        {
            // Most cameras have none: share the one instance (a calibration of many cameras keeps no copy per camera).
            return None;
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
}
