using System.Globalization;
using Polypose.Geometry;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Rigs;

/// <summary>
/// Builds camera rigs around a room centred on the world origin (floor z = 0, world z-up, millimetres). Every camera is
/// aimed at (or within 0.5 m of) the room centre at 1 m height, so the room centre is always in view.
/// </summary>
public static class RigBuilder
{
    /// <summary>The height (mm) of the point cameras aim at, above the room centre.</summary>
    public const double AimHeight = 1000;

    /// <summary>Builds the cameras of a rig for a room of the given size (mm), drawing parameters from <paramref name="rng"/>.</summary>
    public static IReadOnlyList<Camera> Build(RigSpec spec, double roomWidth, double roomDepth, Pcg32 rng, RigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        options ??= new RigOptions();
        options.ThrowUnlessFovOrdered();
        var halfX = roomWidth / 2;
        var halfY = roomDepth / 2;
        var reach = 0.9 * Math.Max(halfX, halfY);
        var cameras = new List<Camera>(spec.Cameras);
        var offset = rng.Uniform(0, 2 * Math.PI);
        for (var i = 0; i < spec.Cameras; i++)
        {
            var (w, h) = options.Resolution ?? options.Resolutions[rng.NextInt(options.Resolutions.Count)];
            var hfov = rng.Uniform(options.MinHorizontalFovDegrees, options.MaxHorizontalFovDegrees) * Math.PI / 180;
            var fit = reach / Math.Tan(hfov / 2);
            var azimuth = offset + (2 * Math.PI * i / spec.Cameras) + rng.Uniform(-0.08, 0.08);
            var target = new Vec3(0, 0, AimHeight);
            Vec3 centre;
            switch (spec.Kind)
            {
                case RigKind.Ring:
                    centre = OnCircle(azimuth, Math.Max(fit, reach + 1200), rng.Uniform(2000, 2500));
                    break;
                case RigKind.Corners:
                    centre = Corner(i, halfX, halfY, rng.Uniform(2400, 2800));
                    break;
                case RigKind.Ceiling:
                    centre = OnCircle(azimuth, Math.Max(halfX, halfY) * rng.Uniform(0.8, 1.0), rng.Uniform(3400, 4000));
                    target = new Vec3(0, 0, 500);
                    break;
                case RigKind.Mixed:
                    var band = i % 3;
                    var height = band == 0 ? rng.Uniform(900, 1200) : band == 1 ? rng.Uniform(1800, 2200) : rng.Uniform(2600, 3000);
                    centre = OnCircle(azimuth, Math.Max(fit, reach + 1200), height);
                    break;
                default:
                    centre = OnCircle(rng.Uniform(0, 2 * Math.PI), rng.Uniform(reach + 1000, Math.Max(fit, reach + 1000) * 1.3), rng.Uniform(800, 3200));
                    target = new Vec3(rng.Uniform(-500, 500), rng.Uniform(-500, 500), AimHeight + rng.Uniform(-300, 300));
                    break;
            }

            var fx = w / 2.0 / Math.Tan(hfov / 2);
            var intr = new Intrinsics(fx, fx * (1 + rng.Uniform(-0.002, 0.002)), ((w - 1) / 2.0) + rng.Uniform(-0.01, 0.01) * w, ((h - 1) / 2.0) + rng.Uniform(-0.01, 0.01) * h);
            var distortion = options.Distortion ? SampleDistortion(rng, w, h, intr) : null;
            var name = options.NamePrefix + (i + 1).ToString("D2", CultureInfo.InvariantCulture);
            cameras.Add(LookAt(name, w, h, intr, centre, target, distortion));
        }

        return cameras;
    }

    /// <summary>A camera at <paramref name="centre"/> looking at <paramref name="target"/> with image x right and y down (world z-up).</summary>
    public static Camera LookAt(string name, int width, int height, Intrinsics intrinsics, Vec3 centre, Vec3 target, Distortion? distortion = null)
    {
        var z = (target - centre).Normalized();
        if (z == Vec3.Zero)
        {
            throw new ArgumentException($"camera '{name}': centre and target coincide");
        }

        var x = Vec3.Cross(z, Vec3.UnitZ);
        if (x.Length < 1e-6)
        {
            x = new Vec3(1, 0, 0); // looking straight down or up: any horizontal right axis
        }

        x = x.Normalized();
        var y = Vec3.Cross(z, x);
        var r = Mat3.FromRows(x, y, z);
        return new Camera(name, width, height, intrinsics, r, -(r * centre), distortion);
    }

    private static Vec3 OnCircle(double azimuth, double radius, double height) =>
        new(radius * Math.Cos(azimuth), radius * Math.Sin(azimuth), height);

    private static Vec3 Corner(int i, double halfX, double halfY, double height)
    {
        // Corners first, then wall midpoints, then corners again slightly inset.
        var k = i % 8;
        var inset = i >= 8 ? 0.85 : 1.0;
        (double X, double Y) p = k switch
        {
            0 => (halfX, halfY),
            1 => (-halfX, -halfY),
            2 => (-halfX, halfY),
            3 => (halfX, -halfY),
            4 => (halfX, 0),
            5 => (-halfX, 0),
            6 => (0, halfY),
            _ => (0, -halfY),
        };
        return new Vec3(p.X * inset, p.Y * inset, height);
    }

    /// <summary>Draws OpenCV coefficients whose radial map stays monotonic over the whole image (else retries, then shrinks).</summary>
    private static Distortion SampleDistortion(Pcg32 rng, int w, int h, Intrinsics k)
    {
        var rMax = 1.1 * Math.Sqrt(Math.Pow(Math.Max(k.Cx, w - k.Cx) / k.Fx, 2) + Math.Pow(Math.Max(k.Cy, h - k.Cy) / k.Fy, 2));
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var shrink = attempt < 25 ? 1.0 : 0.5;
            var k1 = rng.Uniform(-0.3, 0.1) * shrink;
            var k2 = rng.Uniform(0, 0.15) * shrink;
            if (IsMonotonic(k1, k2, rMax))
            {
                return new Distortion { K1 = k1, K2 = k2, P1 = rng.Uniform(-1e-3, 1e-3), P2 = rng.Uniform(-1e-3, 1e-3) };
            }
        }

        return Distortion.None;
    }

    private static bool IsMonotonic(double k1, double k2, double rMax)
    {
        for (var r = 0.0; r <= rMax; r += rMax / 64)
        {
            var r2 = r * r;
            if (1 + (3 * k1 * r2) + (5 * k2 * r2 * r2) < 0.3)
            {
                return false;
            }
        }

        return true;
    }
}
