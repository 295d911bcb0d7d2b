using Polypose.Formats.Calibration;
using Polypose.Geometry;

namespace Polypose.Formats.Tests.Calibration;

/// <summary>Seeded random camera rigs looking at the origin region, for round-trip tests.</summary>
internal static class RandomRigs
{
    public static CameraRig Create(int seed, int cameras, bool rational, bool skew = false)
    {
        var rng = new Random(seed);
        double U(double a, double b) => a + ((b - a) * rng.NextDouble());
        var list = new List<Camera>();
        for (var i = 0; i < cameras; i++)
        {
            var axis = new Vec3(U(-1, 1), U(-1, 1), U(-1, 1)).Normalized();
            var r = Mat3.FromRodrigues(axis * U(0.1, 3.0));
            var centre = new Vec3(U(-5000, 5000), U(-5000, 5000), U(500, 3000));
            var t = -(r * centre);
            var intr = new Intrinsics(U(800, 2000), U(800, 2000), U(500, 1400), U(300, 800), skew ? U(-2, 2) : 0);
            double[] d = rational
                ? [U(-0.3, 0.3), U(-0.1, 0.1), U(-1e-3, 1e-3), U(-1e-3, 1e-3), U(-0.05, 0.05), U(-0.1, 0.1), U(-0.05, 0.05), U(-0.01, 0.01)]
                : [U(-0.3, 0.3), U(-0.1, 0.1), U(-1e-3, 1e-3), U(-1e-3, 1e-3), U(-0.05, 0.05)];
            var name = i % 3 == 0 ? $"cam{i:D2}" : i % 3 == 1 ? $"{i}" : $"00_{i:D2}";
            list.Add(new Camera(name, 1920 - (i * 16), 1080 + (i * 8), intr, r, t, Distortion.FromOpenCv(d)));
        }

        return new CameraRig(list);
    }

    /// <summary>Largest pixel difference between two cameras' projections of seeded points in front of the first.</summary>
    public static double MaxProjectionDifference(Camera a, Camera b, int seed = 7)
    {
        var rng = new Random(seed);
        var worst = 0.0;
        for (var i = 0; i < 50; i++)
        {
            var n = new Vec3((rng.NextDouble() - 0.5) * 0.8, (rng.NextDouble() - 0.5) * 0.6, 1);
            var world = a.Rotation.Transpose() * ((n * (1000 + (4000 * rng.NextDouble()))) - a.Translation);
            var pa = a.Project(world);
            var pb = b.Project(world);
            Assert.True(pa.IsValid && pb.IsValid);
            worst = Math.Max(worst, (pa.Pixel - pb.Pixel).Length);
        }

        return worst;
    }
}
