using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Testing;

/// <summary>
/// A seeded synthetic capture: cameras on a circle around a room looking at its centre (world z-up, mm), standing
/// BODY25 stick people with random positions and headings, projected with Gaussian pixel noise, plus optional
/// single-view false positives and people missing from some views.
/// </summary>
internal sealed class SyntheticScene
{
    // Standing BODY25 template in mm: x forward, y to the person's left, z up, feet on the floor.
    private static readonly Vec3[] Template =
    [
        new(80, 0, 1620), new(0, 0, 1450), new(0, -190, 1440), new(0, -210, 1140), new(30, -220, 900),
        new(0, 190, 1440), new(0, 210, 1140), new(30, 220, 900), new(0, 0, 950), new(0, -90, 950),
        new(10, -100, 530), new(0, -100, 110), new(0, 90, 950), new(10, 100, 530), new(0, 100, 110),
        new(70, -35, 1650), new(70, 35, 1650), new(0, -75, 1630), new(0, 75, 1630), new(200, 110, 20),
        new(190, 150, 20), new(-50, 100, 30), new(200, -110, 20), new(190, -150, 20), new(-50, -100, 30),
    ];

    public required IReadOnlyList<Camera> Cameras { get; init; }

    /// <summary>Ground-truth people, [people][25] world mm.</summary>
    public required IReadOnlyList<Vec3[]> People { get; init; }

    /// <summary>Detections per view.</summary>
    public required IReadOnlyList<IReadOnlyList<Person2D>> Views { get; init; }

    /// <summary>Truth[v][d] = person index of detection d in view v, or −1 for a false positive.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Truth { get; init; }

    public static Camera LookAt(string name, Vec3 centre, Vec3 target, double focal = 700, int width = 1032, int height = 776)
    {
        var f = (target - centre).Normalized();
        var r = Vec3.Cross(f, Vec3.UnitZ).Normalized();
        var d = Vec3.Cross(f, r);
        var rot = Mat3.FromRows(r, d, f);
        return new Camera(name, width, height, new Intrinsics(focal, focal, (width - 1) / 2.0, (height - 1) / 2.0), rot, -(rot * centre));
    }

    public static IReadOnlyList<Camera> Ring(int count, double radius = 4500, double height = 2500)
    {
        var cams = new List<Camera>();
        for (var i = 0; i < count; i++)
        {
            var a = (2 * Math.PI * i / count) + 0.3;
            cams.Add(LookAt($"cam{i}", new Vec3(radius * Math.Cos(a), radius * Math.Sin(a), height), new Vec3(0, 0, 1000)));
        }

        return cams;
    }

    public static Vec3[] Pose(double x, double y, double heading)
    {
        var c = Math.Cos(heading);
        var s = Math.Sin(heading);
        return [.. Template.Select(p => new Vec3((c * p.X) - (s * p.Y) + x, (s * p.X) + (c * p.Y) + y, p.Z))];
    }

    public static SyntheticScene Create(
        int seed, int cameraCount = 5, int people = 4, double noisePx = 2, int falsePositives = 0, double missProbability = 0)
    {
        var rng = new Random(seed);
        var cameras = Ring(cameraCount);
        var bodies = new List<Vec3[]>();
        while (bodies.Count < people)
        {
            var x = (rng.NextDouble() * 3000) - 1500;
            var y = (rng.NextDouble() * 3000) - 1500;
            if (bodies.All(b => Math.Pow(b[8].X - x, 2) + Math.Pow(b[8].Y - y, 2) > 900 * 900))
            {
                bodies.Add(Pose(x, y, rng.NextDouble() * 2 * Math.PI));
            }
        }

        // Each person may be missed in some views, but stays visible in at least three.
        var seenIn = bodies.Select(_ => Enumerable.Repeat(true, cameraCount).ToArray()).ToList();
        foreach (var seen in seenIn)
        {
            for (var v = 0; v < cameraCount; v++)
            {
                if (rng.NextDouble() < missProbability && seen.Count(b => b) > 3)
                {
                    seen[v] = false;
                }
            }
        }

        var views = new List<IReadOnlyList<Person2D>>();
        var truth = new List<IReadOnlyList<int>>();
        for (var v = 0; v < cameraCount; v++)
        {
            var items = new List<(Person2D Person, int Id)>();
            for (var p = 0; p < bodies.Count; p++)
            {
                if (seenIn[p][v])
                {
                    items.Add((Project(cameras[v], bodies[p], rng, noisePx), p));
                }
            }

            for (var k = 0; k < falsePositives; k++)
            {
                // A detector false positive: a person-shaped 2D figure with a random image position and scale (0.5–1.6×) and
                // lower scores. (A full, correctly scaled person seen by one camera only would be geometrically
                // indistinguishable from a real person seen by two cameras and missed by the rest.)
                var model = Project(cameras[v], Pose(0, 0, rng.NextDouble() * 6.28), rng, noisePx);
                var scale = 0.5 + (1.1 * rng.NextDouble());
                var shift = new Vec2((rng.NextDouble() - 0.5) * 600, (rng.NextDouble() - 0.5) * 300);
                var centre = new Vec2(cameras[v].Width / 2.0, cameras[v].Height / 2.0);
                var fake = model.Joints.Select(k => k.IsPresent
                    ? new Keypoint2D(centre.X + shift.X + ((k.X - centre.X) * scale), centre.Y + shift.Y + ((k.Y - centre.Y) * scale), 0.3 + (0.4 * rng.NextDouble()))
                    : k).ToArray();
                items.Add((new Person2D(KnownSkeletons.Body25, fake), -1));
            }

            // Shuffle so detection order carries no identity.
            var shuffled = items.OrderBy(_ => rng.Next()).ToList();
            views.Add(shuffled.Select(t => t.Person).ToList());
            truth.Add(shuffled.Select(t => t.Id).ToList());
        }

        return new SyntheticScene { Cameras = cameras, People = bodies, Views = views, Truth = truth };
    }

    public static Person2D Project(Camera camera, Vec3[] body, Random rng, double noisePx)
    {
        var joints = new Keypoint2D[body.Length];
        for (var j = 0; j < body.Length; j++)
        {
            var p = camera.Project(body[j]);
            if (!p.InImage)
            {
                continue;
            }

            joints[j] = new Keypoint2D(p.Pixel.X + (Gaussian(rng) * noisePx), p.Pixel.Y + (Gaussian(rng) * noisePx), 0.6 + (0.35 * rng.NextDouble()));
        }

        return new Person2D(KnownSkeletons.Body25, joints);
    }

    public static double Gaussian(Random rng)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
