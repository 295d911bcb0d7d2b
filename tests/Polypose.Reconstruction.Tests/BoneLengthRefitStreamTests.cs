using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Input;
using Polypose.Reconstruction.Sequence;
using Polypose.Synthesis;

namespace Polypose.Reconstruction.Tests;

/// <summary>
/// The streamed bone-length refit (<see cref="BoneLengthRefit.RunStream"/>) and the pairing of each frame's 2D with
/// its 3D (<see cref="DetectionTee"/>): bounded memory over long synthetic streams, counted by weak references to the
/// frames handed in (a frame still reachable after a full collection is held by the stream), and the refit's effect.
/// The walker is that of <see cref="BoneLengthRefitTests"/>: a rigid COCO-17 pose carried past four cameras, its 2D the
/// projections plus seeded 8 px noise, triangulated per joint.
/// </summary>
public sealed class BoneLengthRefitStreamTests
{
    [Fact]
    public void RunStream_LongStream_RetainsNoFrameOlderThanTheWindow()
    {
        const int frames = 1200;
        const int window = 40;
        const int checkAt = 900;
        var cameras = BoneLengthRefitTests.Rig();
        var poseRefs = new WeakReference[frames];
        var viewRefs = new WeakReference[frames];
        var pulled = 0;
        IEnumerable<(Frame3D, MultiViewFrame?)> Produce()
        {
            var rng = new Random(77);
            for (var f = 0; f < frames; f++)
            {
                var (pose, views) = Walker(cameras, f, rng);
                poseRefs[f] = new WeakReference(pose);
                viewRefs[f] = new WeakReference(views);
                pulled++;
                yield return (pose, views);
            }
        }

        var refit = new BoneLengthRefit(new BoneRefitOptions { WindowFrames = window, MaxSamples = 64 });
        var emitted = 0;
        var maxAhead = 0;
        int? alivePoses = null, aliveViews = null;
        foreach (var frame in refit.RunStream(cameras, Produce()))
        {
            Assert.Equal(emitted, frame.FrameIndex);
            emitted++;
            maxAhead = Math.Max(maxAhead, pulled - emitted);
            if (emitted == checkAt)
            {
                (alivePoses, aliveViews) = CountAlive(poseRefs, viewRefs, pulled);
            }
        }

        Assert.Equal(frames, emitted);
        Assert.True(maxAhead <= window, $"{maxAhead} frames read ahead of the output (window {window})");
        Assert.True(maxAhead >= window, $"{maxAhead}: each frame waits for the window");
        // Held: the window's frames, plus a few references the enumerators' locals may keep.
        Assert.True(alivePoses <= window + 3, $"{alivePoses} of the {checkAt + window} 3D frames read are still reachable (window {window})");
        Assert.True(aliveViews <= window + 3, $"{aliveViews} of the {checkAt + window} 2D frames read are still reachable (window {window})");
    }

    [Fact]
    public void RunStream_LongWalkWithASmallWindow_SteadiesEveryLimbAtTheInputsMedianLength()
    {
        const int frames = 240;
        var cameras = BoneLengthRefitTests.Rig();
        var rng = new Random(4242);
        var input = Enumerable.Range(0, frames).Select(f => Walker(cameras, f, rng)).ToList();

        var refitted = new BoneLengthRefit(new BoneRefitOptions { WindowFrames = 12, MaxSamples = 32 })
            .RunStream(cameras, input.Select(i => (i.Pose, (MultiViewFrame?)i.Views))).ToList();

        Assert.Equal(frames, refitted.Count);
        var before = input.Select(i => i.Pose).ToList();
        foreach (var (a, b) in RigidSegments.Of(KnownSkeletons.Coco17))
        {
            var lengthsBefore = Lengths(before, a, b);
            var lengthsAfter = Lengths(refitted, a, b);
            var inputMedian = lengthsBefore.Order().ElementAt(frames / 2);
            Assert.True(Cv(lengthsAfter) < 0.75 * Cv(lengthsBefore), $"segment {a}-{b}: CV {Cv(lengthsBefore):P2} before, {Cv(lengthsAfter):P2} after");
            Assert.True(Math.Abs(lengthsAfter.Average() - inputMedian) < 0.03 * inputMedian, $"segment {a}-{b}: held at {lengthsAfter.Average():F1} mm, the input's median is {inputMedian:F1} mm");
        }
    }

    [Fact]
    public void RunStream_SequenceNoLongerThanTheWindow_GivesTheWholeSequenceRefit()
    {
        var cameras = BoneLengthRefitTests.Rig();
        var rng = new Random(9);
        var input = Enumerable.Range(0, 30).Select(f => Walker(cameras, f, rng)).ToList();
        var options = new BoneRefitOptions { WindowFrames = 30, MaxSamples = 30 };

        var whole = new BoneLengthRefit(options).Run(cameras, [.. input.Select(i => i.Views)], [.. input.Select(i => i.Pose)]);
        var streamed = new BoneLengthRefit(options).RunStream(cameras, input.Select(i => (i.Pose, (MultiViewFrame?)i.Views))).ToList();

        Assert.Equal(whole.Count, streamed.Count);
        Assert.NotEqual(input[3].Pose.People[0].Joints, whole[3].People[0].Joints);
        for (var f = 0; f < whole.Count; f++)
        {
            Assert.Equal(whole[f].People[0].Joints, streamed[f].People[0].Joints);
        }
    }

    [Fact]
    public void LengthSamples_PastItsCapacity_KeepsCapacitySamplesWhoseMedianIsNearTheTrueOne()
    {
        var shuffled = new Random(5);
        var values = Enumerable.Range(0, 10_000).Select(i => (double)i).OrderBy(_ => shuffled.Next()).ToArray();
        var few = new LengthSamples(101);
        var all = new LengthSamples(20_000);
        var random = new Random(6);
        foreach (var v in values)
        {
            few.Add(v, random);
            all.Add(v, random);
        }

        few.Add(double.NaN, random);

        Assert.Equal(10_000, few.Seen);
        Assert.Equal(101, few.Kept);
        Assert.Equal(4999.5, all.Median());
        // The median of 101 of 10,000 uniform values has a standard deviation of about 500.
        Assert.InRange(few.Median(), 3500, 6500);
    }

    [Fact]
    public void DetectionTee_UnderAStreamedReconstruction_PairsEachFrameAndHoldsOnlyWhatIsReadAhead()
    {
        const int frames = 600;
        const int threads = 2;
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = Synthesis.Rigs.RigSpec.Parse("ring:3"), People = 1, Frames = 10, Seed = 5 });
        var rig = new Formats.Calibration.CameraRig(scene.Cameras);
        var refs = new WeakReference[frames];
        IEnumerable<MultiViewFrame> Produce()
        {
            for (var f = 0; f < frames; f++)
            {
                var frame = scene.Detections[f % scene.Detections.Count] with { FrameIndex = 10 * f };
                refs[f] = new WeakReference(frame);
                yield return frame;
            }
        }

        var tee = new DetectionTee(Produce());
        using var stream = StreamedReconstruction.FromFrames(rig, tee.Frames(), frames, KnownSkeletons.Coco17, rig.Names);
        var paired = 0;
        var maxHeld = 0;
        var alive = -1;
        foreach (var (pose, views) in tee.Pair(stream.Reconstruct(threads)))
        {
            Assert.NotNull(views);
            Assert.Equal(pose.FrameIndex, views.FrameIndex);
            Assert.Same(scene.Detections[paired % scene.Detections.Count].Views, views.Views);
            paired++;
            maxHeld = Math.Max(maxHeld, tee.Held);
            if (paired == 500)
            {
                alive = CountAlive(refs, refs, frames).Poses;
            }
        }

        var ahead = StreamedReconstruction.BatchFrames * threads;
        Assert.Equal(frames, paired);
        Assert.True(maxHeld <= ahead, $"{maxHeld} 2D frames held (the reconstruction reads {ahead} ahead)");
        Assert.InRange(alive, 0, ahead + 3);
    }

    // Frames [0, read) still reachable after a full, blocking collection.
    private static (int Poses, int Views) CountAlive(WeakReference[] poses, WeakReference[] views, int read)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        var p = 0;
        var v = 0;
        for (var f = 0; f < read; f++)
        {
            p += poses[f] is { IsAlive: true } ? 1 : 0;
            v += views[f] is { IsAlive: true } ? 1 : 0;
        }

        return (p, v);
    }

    // Frame f of the walker: pacing back and forth over 2 m, 2D with 8 px noise, each joint triangulated from them.
    private static (Frame3D Pose, MultiViewFrame Views) Walker(Camera[] cameras, int f, Random rng)
    {
        var phase = f % 200;
        var step = phase < 100 ? phase : 200 - phase;
        var shift = new Vec3(-1000 + (20 * step), 5 * step, 0);
        var joints = BoneLengthRefitTests.Pose.Select(p => p + shift).ToArray();
        var views = new List<IReadOnlyList<Person2D>>();
        foreach (var camera in cameras)
        {
            var keypoints = joints.Select(j =>
            {
                var p = camera.Project(j).Pixel;
                return new Keypoint2D(p.X + (8 * BoneLengthRefitTests.Gaussian(rng)), p.Y + (8 * BoneLengthRefitTests.Gaussian(rng)), 0.9);
            }).ToArray();
            views.Add([new Person2D(KnownSkeletons.Coco17, keypoints)]);
        }

        var triangulated = new Vec3[17];
        for (var j = 0; j < 17; j++)
        {
            var pixels = views.Select(v => new Vec2(v[0].Joints[j].X, v[0].Joints[j].Y)).ToArray();
            triangulated[j] = Triangulation.FromPixels(cameras, pixels, [1, 1, 1, 1], TriangulationMethod.Algebraic).Point;
        }

        var person = new Person3D(0, KnownSkeletons.Coco17, triangulated, [.. Enumerable.Repeat(0.9, 17)], [0, 0, 0, 0]);
        return (new Frame3D(f, [person]), new MultiViewFrame(f, views));
    }

    private static double[] Lengths(IReadOnlyList<Frame3D> frames, int a, int b) =>
        [.. frames.Select(f => f.People[0]).Where(p => p.Has(a) && p.Has(b)).Select(p => Vec3.Distance(p.Joints[a], p.Joints[b]))];

    private static double Cv(double[] lengths)
    {
        var mean = lengths.Average();
        return Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean))) / mean;
    }
}
