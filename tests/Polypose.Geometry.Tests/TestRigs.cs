namespace Polypose.Geometry.Tests;

/// <summary>How a synthetic camera's lens is modelled.</summary>
public enum LensKind
{
    Pinhole,
    FiveCoefficient,
    EightCoefficient,
}

/// <summary>Seeded synthetic rigs: cameras on an arc around a 4 m × 4 m × 2 m room centred at the origin (z-up, mm).</summary>
internal static class TestRigs
{
    public const int Width = 1920;
    public const int Height = 1080;

    /// <summary>A camera at <paramref name="centre"/> looking at <paramref name="target"/>, x right, y down (world z-up).</summary>
    public static Camera LookAt(string name, Vec3 centre, Vec3 target, Intrinsics k, Distortion? distortion = null, int width = Width, int height = Height)
    {
        var forward = (target - centre).Normalized();
        var right = Vec3.Cross(forward, Vec3.UnitZ).Normalized();
        var down = Vec3.Cross(forward, right);
        var r = Mat3.FromRows(right, down, forward);
        return new Camera(name, width, height, k, r, -(r * centre), distortion);
    }

    /// <summary>
    /// <paramref name="count"/> cameras 4–5.5 m from the room centre, 1.5–3 m high, spaced by min(360°/n, 80°) on an
    /// arc, each looking at a point near (0, 0, 1 m), with realistic 1920×1080 intrinsics and lens.
    /// </summary>
    public static Camera[] RandomRig(Random rng, int count, LensKind lens)
    {
        var cams = new Camera[count];
        var step = Math.Min(2 * Math.PI / count, 80 * Math.PI / 180);
        var phi0 = rng.NextDouble() * 2 * Math.PI;
        for (var i = 0; i < count; i++)
        {
            var phi = phi0 + (i * step) + Uniform(rng, -0.08, 0.08);
            var radius = Uniform(rng, 4000, 5500);
            var centre = new Vec3(radius * Math.Cos(phi), radius * Math.Sin(phi), Uniform(rng, 1500, 3000));
            var target = new Vec3(Uniform(rng, -400, 400), Uniform(rng, -400, 400), Uniform(rng, 700, 1300));
            var f = Uniform(rng, 1100, 1600);
            var k = new Intrinsics(f, f * Uniform(rng, 0.995, 1.005), (Width / 2.0) + Uniform(rng, -20, 20), (Height / 2.0) + Uniform(rng, -20, 20));
            cams[i] = LookAt($"cam{i}", centre, target, k, RandomDistortion(rng, lens, k));
        }

        return cams;
    }

    /// <summary>
    /// A lens drawn from realistic ranges (Panoptic-like 5-coefficient fits; mild rational fits), redrawn until the
    /// model is one-to-one until its distorted radius passes 1.1× the image corner, as any usable calibration is over its image.
    /// </summary>
    public static Distortion RandomDistortion(Random rng, LensKind lens, Intrinsics k)
    {
        if (lens == LensKind.Pinhole)
        {
            return Distortion.None;
        }

        var corner = Math.Max(
            k.ToNormalized(new Vec2(0, 0)).Length,
            k.ToNormalized(new Vec2(Width - 1, Height - 1)).Length);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var d = lens == LensKind.FiveCoefficient
                ? new Distortion
                {
                    K1 = Uniform(rng, -0.30, -0.05),
                    K2 = Uniform(rng, 0.0, 0.25),
                    P1 = Uniform(rng, -1e-3, 1e-3),
                    P2 = Uniform(rng, -1e-3, 1e-3),
                    K3 = Uniform(rng, -0.06, 0.03),
                }
                : new Distortion
                {
                    K1 = Uniform(rng, 0.2, 0.6),
                    K2 = Uniform(rng, -0.3, 0.1),
                    P1 = Uniform(rng, -1e-3, 1e-3),
                    P2 = Uniform(rng, -1e-3, 1e-3),
                    K3 = Uniform(rng, -0.05, 0.05),
                    K4 = Uniform(rng, 0.3, 0.9),
                    K5 = Uniform(rng, -0.2, 0.2),
                    K6 = Uniform(rng, -0.05, 0.05),
                };
            if (OneToOneBeyond(d, 1.1 * corner))
            {
                return d;
            }
        }

        throw new InvalidOperationException("no valid distortion drawn");
    }

    /// <summary>A point uniformly inside the room: x, y in [−2 m, 2 m], z in [0, 2 m].</summary>
    public static Vec3 RoomPoint(Random rng) => new(Uniform(rng, -2000, 2000), Uniform(rng, -2000, 2000), Uniform(rng, 0, 2000));

    /// <summary>Projects a point into every camera; weight 1 where the projection is valid and inside the image, else 0.</summary>
    public static int Observe(Camera[] cams, Vec3 point, Vec2[] pixels, double[] weights)
    {
        var seen = 0;
        for (var v = 0; v < cams.Length; v++)
        {
            var p = cams[v].Project(point);
            pixels[v] = p.Pixel;
            weights[v] = p.IsValid && p.InImage ? 1 : 0;
            seen += weights[v] > 0 ? 1 : 0;
        }

        return seen;
    }

    public static double Uniform(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static Vec3 RandomUnit(Random rng)
    {
        while (true)
        {
            var v = new Vec3(Uniform(rng, -1, 1), Uniform(rng, -1, 1), Uniform(rng, -1, 1));
            if (v.LengthSquared is > 1e-4 and <= 1)
            {
                return v.Normalized();
            }
        }
    }

    /// <summary>True when the radial map stays one-to-one until its distorted radius reaches <paramref name="distortedRadius"/>.</summary>
    private static bool OneToOneBeyond(Distortion d, double distortedRadius)
    {
        for (var r = 0.0; r < 3; r += 0.005)
        {
            var n = new Vec2(r * Math.Sqrt(0.5), r * Math.Sqrt(0.5));
            if (!d.IsWithinValidRadius(n) || !d.TryDistort(n, out var distorted))
            {
                return false;
            }

            if (distorted.Length >= distortedRadius)
            {
                return true;
            }
        }

        return false;
    }
}
