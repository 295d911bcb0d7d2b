using Polypose.Geometry;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Motion;
using Polypose.Synthesis.Rigs;

namespace Polypose.Synthesis.Tests;

public sealed class SceneGeneratorTests
{
    private static SceneOptions Small(DetectorNoiseModel noise, int seed = 5) => new()
    {
        Rig = new RigSpec(RigKind.Ring, 4),
        People = 3,
        Frames = 60,
        Seed = seed,
        Noise = noise,
    };

    [Fact]
    public void Generate_PerfectDetector_ReprojectsGroundTruthExactly()
    {
        var scene = SceneGenerator.Generate(Small(DetectorNoiseModel.Perfect));
        var checkedJoints = 0;
        for (var f = 0; f < scene.Detections.Count; f++)
        {
            for (var v = 0; v < scene.Cameras.Count; v++)
            {
                var cam = scene.Cameras[v];
                var dets = scene.Detections[f].Views[v];
                Assert.DoesNotContain(-1, scene.DetectionSources[f][v]);
                for (var d = 0; d < dets.Count; d++)
                {
                    var person = scene.GroundTruth[f].People[scene.DetectionSources[f][v][d]];
                    Assert.Equal(d, person.DetectionPerView[v]);
                    for (var j = 0; j < 25; j++)
                    {
                        var proj = cam.Project(person.Joints[j]);
                        var kp = dets[d].Joints[j];
                        Assert.Equal(proj.InImage, kp.IsPresent);
                        if (kp.IsPresent)
                        {
                            Assert.Equal(proj.Pixel.X, kp.X, 9);
                            Assert.Equal(proj.Pixel.Y, kp.Y, 9);
                            Assert.Equal(1.0, kp.Score);
                            checkedJoints++;
                        }
                    }
                }
            }
        }

        Assert.True(checkedJoints > 10_000, $"only {checkedJoints} joints checked");
    }

    [Fact]
    public void Generate_JitterOnly_ErrorMatchesConfiguredSigma()
    {
        const double sigma = 0.01;
        var noise = DetectorNoiseModel.Perfect with { JitterSigma = Enumerable.Repeat(sigma, 25).ToArray() };
        var scene = SceneGenerator.Generate(Small(noise) with { Frames = 90 });
        double sum = 0;
        var n = 0;
        var worst = 0.0;
        for (var f = 0; f < scene.Detections.Count; f++)
        {
            for (var v = 0; v < scene.Cameras.Count; v++)
            {
                var cam = scene.Cameras[v];
                var dets = scene.Detections[f].Views[v];
                for (var d = 0; d < dets.Count; d++)
                {
                    var person = scene.GroundTruth[f].People[scene.DetectionSources[f][v][d]];
                    var centroid = ApparentSize.LimbJoints.ToArray().Aggregate(Vec3.Zero, (a, j) => a + person.Joints[j]) / 12;
                    var scale = ApparentSize.Pixels(cam, centroid);
                    for (var j = 0; j < 25; j++)
                    {
                        var kp = dets[d].Joints[j];
                        if (kp.IsPresent)
                        {
                            var e = (new Vec2(kp.X, kp.Y) - cam.Project(person.Joints[j]).Pixel) * (1 / scale);
                            sum += e.LengthSquared;
                            worst = Math.Max(worst, e.Length);
                            n++;
                        }
                    }
                }
            }
        }

        var rmsPerAxis = Math.Sqrt(sum / (2 * n));
        Assert.InRange(rmsPerAxis, 0.97 * sigma, 1.03 * sigma);
        Assert.True(worst < 6 * sigma, $"worst error {worst} exceeds 6 sigma");
    }

    [Fact]
    public void Generate_AnyScene_PeopleKeepMinimumSeparationAndStayInRoom()
    {
        var options = new SceneOptions { People = 12, Frames = 300, Seed = 3, RoomWidth = 8000, RoomDepth = 7000, Noise = DetectorNoiseModel.Perfect, Rig = new RigSpec(RigKind.Corners, 2) };
        var scene = SceneGenerator.Generate(options);
        var min = double.MaxValue;
        foreach (var frame in scene.GroundTruth)
        {
            var roots = frame.People.Select(p => new Vec2(p.Joints[8].X, p.Joints[8].Y)).ToArray();
            Assert.All(roots, r => Assert.True(Math.Abs(r.X) <= 4000 && Math.Abs(r.Y) <= 3500 + 300));
            for (var a = 0; a < roots.Length; a++)
            {
                for (var b = a + 1; b < roots.Length; b++)
                {
                    min = Math.Min(min, Vec2.Distance(roots[a], roots[b]));
                }
            }
        }

        // Mid-hips sway a few centimetres around the ground root (trunk lean does not move the pelvis).
        Assert.True(min >= options.MinSeparation - 1e-6, $"closest pair {min} mm");
    }

    [Fact]
    public void Generate_DefaultScene_UsesEveryActivityAndMovesSmoothly()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { People = 6, Frames = 900, Seed = 9, Noise = DetectorNoiseModel.Perfect, Rig = new RigSpec(RigKind.Ring, 2) });
        var seen = scene.Activities.SelectMany(a => a).Distinct().ToHashSet();
        Assert.Equal(Enum.GetValues<PersonActivity>().Length, seen.Count);

        // 30 fps: no joint moves more than 150 mm between frames (about 4.5 m/s).
        var maxStep = 0.0;
        for (var f = 1; f < scene.GroundTruth.Count; f++)
        {
            for (var p = 0; p < 6; p++)
            {
                for (var j = 0; j < 25; j++)
                {
                    maxStep = Math.Max(maxStep, Vec3.Distance(scene.GroundTruth[f].People[p].Joints[j], scene.GroundTruth[f - 1].People[p].Joints[j]));
                }
            }
        }

        Assert.True(maxStep < 150, $"a joint jumped {maxStep} mm in one frame");
    }

    [Fact]
    public void Generate_SameSeed_SameScene_DifferentSeed_Differs()
    {
        var a = SceneGenerator.Generate(Small(DetectorNoiseModel.Default));
        var b = SceneGenerator.Generate(Small(DetectorNoiseModel.Default));
        var c = SceneGenerator.Generate(Small(DetectorNoiseModel.Default, seed: 6));
        Assert.Equal(a.Cameras, b.Cameras);
        Assert.Equal(a.GroundTruth[59].People[2].Joints, b.GroundTruth[59].People[2].Joints);
        Assert.Equal(a.Detections[59].Views[3].SelectMany(p => p.Joints), b.Detections[59].Views[3].SelectMany(p => p.Joints));
        Assert.NotEqual(a.GroundTruth[0].People[0].Joints, c.GroundTruth[0].People[0].Joints);
    }

    [Fact]
    public void Generate_DefaultNoise_ProducesDetectorArtifacts()
    {
        var scene = SceneGenerator.Generate(Small(DetectorNoiseModel.Default with { FalsePositivesPerView = 1, SwapProbability = 0.2 }) with { Frames = 120 });
        var sources = scene.DetectionSources.SelectMany(f => f.SelectMany(v => v)).ToList();
        Assert.Contains(-1, sources);
        var scores = scene.Detections.SelectMany(f => f.Views.SelectMany(v => v.SelectMany(p => p.Joints))).Where(k => k.IsPresent).Select(k => k.Score).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0.15, 1.0));
        Assert.True(scores.Distinct().Count() > 100);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Options_BadPeopleCount_ThrowsNamingPeople(int people) =>
        Assert.Equal("People", Assert.Throws<ArgumentOutOfRangeException>(() => SceneGenerator.Generate(new SceneOptions { People = people })).ParamName);

    [Fact]
    public void Generate_TooManyPeopleForRoom_ThrowsNamingRoom()
    {
        var ex = Assert.Throws<ArgumentException>(() => SceneGenerator.Generate(new SceneOptions { People = 12, RoomWidth = 2500, RoomDepth = 2500 }));
        Assert.Contains("room", ex.Message, StringComparison.Ordinal);
    }

    // Its speed is measured by `./polypose bench synth`, not here.
    [Fact]
    public void Generate_300Frames5Views4People_GivesEveryFrameNumberedWithEveryPersonAndView()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Ring, 5), People = 4, Frames = 300, Seed = 7 });
        Assert.Equal(Enumerable.Range(0, 300), scene.GroundTruth.Select(f => f.FrameIndex));
        Assert.Equal(Enumerable.Range(0, 300), scene.Detections.Select(f => f.FrameIndex));
        Assert.All(scene.GroundTruth, f => Assert.Equal([0, 1, 2, 3], f.People.Select(p => p.Id).Order()));
        Assert.All(scene.Detections, f => Assert.Equal(5, f.Views.Count));
        Assert.Equal(5, scene.Cameras.Count);
    }
}
