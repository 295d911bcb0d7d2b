using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Sequence;

namespace Polypose.Reconstruction.Tests;

/// <summary>
/// <see cref="BoneLengthRefit"/> on a synthetic walker: a rigid COCO-17 pose carried 20 mm per frame past four
/// cameras, its 2D keypoints the exact projections plus seeded Gaussian noise (8 px, MoveNet-like), triangulated per joint by plain
/// algebraic triangulation; the refit must steady the limb lengths and stay on the 2D evidence.
/// </summary>
public sealed class BoneLengthRefitTests
{
    internal static readonly Vec3[] Pose =
    [
        new(0, 0, 1650), new(-30, -60, 1680), new(30, -60, 1680), new(-75, -20, 1660), new(75, -20, 1660),
        new(-180, 0, 1420), new(180, 0, 1420), new(-200, 20, 1140), new(200, -20, 1140), new(-210, 60, 880), new(210, -60, 880),
        new(-100, 0, 950), new(100, 0, 950), new(-110, 40, 520), new(110, -40, 520), new(-115, 0, 80), new(115, 20, 80),
    ];

    [Fact]
    public void Run_NoisyTriangulatedWalker_SteadiesEveryLimbAndStaysOnTheKeypoints()
    {
        var cameras = Rig();
        var rng = new Random(1701);
        var detections = new List<MultiViewFrame>();
        var poses = new List<Frame3D>();
        var truth = new List<Vec3[]>();
        for (var f = 0; f < 20; f++)
        {
            var shift = new Vec3(-200 + (20 * f), 10 * f, 0);
            var joints = Pose.Select(p => p + shift).ToArray();
            truth.Add(joints);
            var views = new List<IReadOnlyList<Person2D>>();
            foreach (var camera in cameras)
            {
                var keypoints = joints.Select(j =>
                {
                    var p = camera.Project(j).Pixel;
                    return new Keypoint2D(p.X + (8 * Gaussian(rng)), p.Y + (8 * Gaussian(rng)), 0.9);
                }).ToArray();
                views.Add([new Person2D(KnownSkeletons.Coco17, keypoints)]);
            }

            detections.Add(new MultiViewFrame(f, views));
            var triangulated = new Vec3[17];
            for (var j = 0; j < 17; j++)
            {
                var pixels = views.Select(v => new Vec2(v[0].Joints[j].X, v[0].Joints[j].Y)).ToArray();
                triangulated[j] = Triangulation.FromPixels(cameras, pixels, [1, 1, 1, 1], TriangulationMethod.Algebraic).Point;
            }

            var confidence = Enumerable.Repeat(0.9, 17).ToArray();
            if (f == 7)
            {
                (triangulated[9], confidence[9]) = (Vec3.Zero, 0); // a missing left wrist stays missing
            }

            poses.Add(new Frame3D(f, [new Person3D(0, KnownSkeletons.Coco17, triangulated, confidence, [0, 0, 0, 0])]));
        }

        var refitted = new BoneLengthRefit().Run(cameras, detections, poses);
        var tight = new BoneLengthRefit(new BoneRefitOptions { BoneSdMm = 1 }).Run(cameras, detections, poses);

        Assert.Equal(20, refitted.Count);
        Assert.False(refitted[7].People[0].Has(9));
        Assert.Equal(Vec3.Zero, refitted[7].People[0].Joints[9]);
        foreach (var (a, b) in RigidSegments.Of(KnownSkeletons.Coco17))
        {
            var before = Cv(poses, a, b);
            var after = Cv(refitted, a, b);
            var held = Cv(tight, a, b);
            var trueLength = Vec3.Distance(Pose[a], Pose[b]);
            var mean = tight.Where(f => f.People[0].Has(a) && f.People[0].Has(b)).Average(f => Vec3.Distance(f.People[0].Joints[a], f.People[0].Joints[b]));
            Assert.True(after < 0.75 * before, $"segment {a}-{b}: CV {before:P2} before, {after:P2} after (default 5 mm sd)");
            Assert.True(held < 0.01, $"segment {a}-{b}: CV {before:P2} before, {held:P2} after with a 1 mm sd");
            var input = poses.Select(f => f.People[0]).Where(p => p.Has(a) && p.Has(b)).Select(p => Vec3.Distance(p.Joints[a], p.Joints[b])).Order().ToArray();
            var inputMedian = (input[(input.Length - 1) / 2] + input[input.Length / 2]) / 2;
            Assert.True(Math.Abs(mean - inputMedian) < 0.02 * inputMedian, $"segment {a}-{b}: held at {mean:F1} mm, the input's median is {inputMedian:F1} mm");
            Assert.True(Math.Abs(mean - trueLength) < 0.1 * trueLength, $"segment {a}-{b}: held at {mean:F1} mm, true {trueLength:F1} mm");
        }

        Assert.True(MedianReprojection(cameras, detections, refitted) < MedianReprojection(cameras, detections, poses) + 1.5);
        Assert.True(MedianReprojection(cameras, detections, tight) < MedianReprojection(cameras, detections, poses) + 3);
        // On Gaussian noise the refit steadies lengths, it does not make joints more accurate: it must not cost much.
        var plainError = MeanJointError(poses, truth);
        Assert.True(MeanJointError(refitted, truth) < 1.2 * plainError, $"{MeanJointError(refitted, truth):F1} mm from the truth after, {plainError:F1} mm before");
        Assert.True(MeanJointError(tight, truth) < 1.2 * plainError, $"{MeanJointError(tight, truth):F1} mm from the truth after (1 mm sd), {plainError:F1} mm before");
    }

    [Fact]
    public void Run_PersonSeenInTooFewFrames_IsLeftAsItWas()
    {
        var cameras = Rig();
        var views = cameras.Select(c => (IReadOnlyList<Person2D>)[new Person2D(KnownSkeletons.Coco17, [.. Pose.Select(j => new Keypoint2D(c.Project(j).Pixel.X + 5, c.Project(j).Pixel.Y, 0.9))])]).ToList();
        var person = new Person3D(3, KnownSkeletons.Coco17, [.. Pose], [.. Enumerable.Repeat(0.9, 17)], [0, 0, 0, 0]);

        var refitted = new BoneLengthRefit().Run(cameras, [new MultiViewFrame(0, views)], [new Frame3D(0, [person])]);

        Assert.Same(person, refitted[0].People[0]);
    }

    internal static Camera[] Rig()
    {
        var k = new Intrinsics(1400, 1400, 960, 540);
        return
        [
            LookAt("a", new Vec3(4000, 0, 1500)), LookAt("b", new Vec3(0, 4200, 1800)), LookAt("c", new Vec3(-3800, 500, 1600)), LookAt("d", new Vec3(200, -4000, 2200)),
        ];

        Camera LookAt(string name, Vec3 centre)
        {
            var forward = (new Vec3(0, 0, 900) - centre).Normalized();
            var right = Vec3.Cross(forward, Vec3.UnitZ).Normalized();
            var down = Vec3.Cross(forward, right);
            var r = Mat3.FromRows(right, down, forward);
            return new Camera(name, 1920, 1080, k, r, -(r * centre));
        }
    }

    private static double Cv(IReadOnlyList<Frame3D> frames, int a, int b)
    {
        var lengths = frames.Select(f => f.People[0]).Where(p => p.Has(a) && p.Has(b)).Select(p => Vec3.Distance(p.Joints[a], p.Joints[b])).ToArray();
        var mean = lengths.Average();
        return Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean))) / mean;
    }

    private static double MedianReprojection(Camera[] cameras, List<MultiViewFrame> detections, IReadOnlyList<Frame3D> frames)
    {
        var errors = new List<double>();
        for (var f = 0; f < frames.Count; f++)
        {
            var person = frames[f].People[0];
            for (var v = 0; v < cameras.Length; v++)
            {
                for (var j = 0; j < 17; j++)
                {
                    if (person.Has(j))
                    {
                        var k = detections[f].Views[v][0].Joints[j];
                        errors.Add(cameras[v].ReprojectionError(person.Joints[j], new Vec2(k.X, k.Y)));
                    }
                }
            }
        }

        errors.Sort();
        return errors[errors.Count / 2];
    }

    private static double MeanJointError(IReadOnlyList<Frame3D> frames, List<Vec3[]> truth) =>
        frames.SelectMany((f, i) => Enumerable.Range(0, 17).Where(f.People[0].Has).Select(j => Vec3.Distance(f.People[0].Joints[j], truth[i][j]))).Average();

    internal static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
