using Polypose.Core.Skeletons;
using Polypose.Formats;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Synthesis.Output;
using Polypose.Synthesis.Rigs;
using Polypose.Testing;

namespace Polypose.Synthesis.Tests;

public sealed class SceneWriterTests
{
    private static SceneOptions Options(int seed = 7) => new()
    {
        Rig = new RigSpec(RigKind.Mixed, 3),
        RigOptions = new RigOptions { Distortion = true },
        People = 3,
        Frames = 12,
        Seed = seed,
    };

    [Fact]
    public void Write_SameSeed_SameBytes()
    {
        var a = RepoPaths.NewTempDir();
        var b = RepoPaths.NewTempDir();
        var c = RepoPaths.NewTempDir();
        SceneWriter.Write(SceneGenerator.Generate(Options()), a);
        SceneWriter.Write(SceneGenerator.Generate(Options()), b);
        SceneWriter.Write(SceneGenerator.Generate(Options(seed: 8)), c);
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6 + (3 * 12) + 3, files.Count); // 3 calibrations + 2 ground truths + identities, 12 OpenPose frames and 1 COCO file per camera
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        foreach (var f in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), f);
        }

        Assert.False(File.ReadAllBytes(Path.Combine(a, "gt.json")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(c, "gt.json"))));
    }

    [Fact]
    public void Write_Calibrations_ReadBackAsSameCameras()
    {
        var scene = SceneGenerator.Generate(Options());
        var files = SceneWriter.Write(scene, RepoPaths.NewTempDir());
        foreach (var path in new[] { files.Calibration, files.CalibrationToml, files.CalibrationFourDa })
        {
            var rig = CalibrationReader.Read(path);
            Assert.Equal(scene.Cameras.Count, rig.Count);
            for (var v = 0; v < rig.Count; v++)
            {
                var (want, got) = (scene.Cameras[v], rig[v]);
                Assert.Equal(want.Name, got.Name);
                Assert.Equal((want.Width, want.Height), (got.Width, got.Height));
                Assert.True(Vec3.Distance(want.Center, got.Center) < 1e-3, $"{path}: centre {got.Center} vs {want.Center}");

                // Same projection of a point in the room, distortion included (TOML keeps k1, k2, p1, p2 only; k3 is 0 here).
                var x = new Vec3(300, -200, 1200);
                Assert.True(Vec2.Distance(want.Project(x).Pixel, got.Project(x).Pixel) < 1e-3, path);
            }
        }
    }

    [Fact]
    public void Write_OpenPoseAndCoco_ReadBackAsSameDetections()
    {
        var scene = SceneGenerator.Generate(Options());
        var files = SceneWriter.Write(scene, RepoPaths.NewTempDir());
        var toCoco = KnownSkeletons.Coco17.JointNames.Select(n => KnownSkeletons.Body25[n]).ToArray();
        for (var v = 0; v < scene.Cameras.Count; v++)
        {
            var cam = scene.Cameras[v].Name;
            var coco = CocoKeypointResults.ReadByFrame(Path.Combine(files.CocoFolder, cam + ".json"));
            foreach (var frame in scene.Detections)
            {
                var want = frame.Views[v];
                var got = OpenPoseJson.Read(Path.Combine(files.OpenPoseFolder, cam, SceneWriter.OpenPoseFileName(cam, frame.FrameIndex)));
                Assert.Equal(want.Count, got.Count);
                var gotCoco = coco.TryGetValue(frame.FrameIndex, out var list) ? list : [];
                Assert.Equal(want.Count, gotCoco.Count);
                for (var d = 0; d < want.Count; d++)
                {
                    Assert.Equal("body25", got[d].Skeleton.Name);
                    Assert.Equal("coco17", gotCoco[d].Skeleton.Name);
                    for (var j = 0; j < 25; j++)
                    {
                        AssertKeypoint(want[d].Joints[j], got[d].Joints[j]);
                    }

                    for (var j = 0; j < 17; j++)
                    {
                        AssertKeypoint(want[d].Joints[toCoco[j]], gotCoco[d].Joints[j]);
                    }
                }
            }
        }

        var source = DetectionSource.Open(files.OpenPoseFolder, [.. scene.Cameras.Select(c => (c.Name, c.Width, c.Height))]);
        Assert.Equal(Enumerable.Range(0, 12), source.FrameIndices);
        var first = source.Frames().First();
        Assert.Equal(scene.Detections[0].Views.Select(x => x.Count), first.People!.Select(x => x.Count));
    }

    [Fact]
    public void Write_Identities_NameThePersonEachDetectionWasProjectedFrom()
    {
        var scene = SceneGenerator.Generate(Options() with { People = 4, Frames = 20 });
        var files = SceneWriter.Write(scene, RepoPaths.NewTempDir());
        var (cameras, frames) = DetectionIdentities.Read(files.Identities);
        Assert.Equal(scene.Cameras.Select(c => c.Name), cameras);
        Assert.Equal(20, frames.Count);
        int matched = 0, agree = 0, distractors = 0;
        foreach (var frame in scene.Detections)
        {
            var ids = frames[frame.FrameIndex];
            for (var v = 0; v < cameras.Count; v++)
            {
                var cam = scene.Cameras[v];
                var people = OpenPoseJson.Read(Path.Combine(files.OpenPoseFolder, cam.Name, SceneWriter.OpenPoseFileName(cam.Name, frame.FrameIndex)));
                Assert.Equal(people.Count, ids[v].Length);
                for (var d = 0; d < people.Count; d++)
                {
                    if (ids[v][d] == DetectionIdentities.Distractor)
                    {
                        distractors++;
                        continue;
                    }

                    // Independent check: the neck of the detection lies nearer to the projected neck of the named person
                    // than to any other person's (merges keep the nearer person's upper body; jitter outliers of
                    // overlapping people may break it now and then).
                    var neck = people[d].Joints[KnownSkeletons.Body25["neck"]];
                    if (!neck.IsPresent)
                    {
                        continue;
                    }

                    var nearest = scene.GroundTruth[frame.FrameIndex].People
                        .Select(p => (p.Id, Distance: Vec2.Distance(cam.Project(p.Joints[KnownSkeletons.Body25["neck"]]).Pixel, new Vec2(neck.X, neck.Y))))
                        .MinBy(t => t.Distance).Id;
                    agree += nearest == ids[v][d] ? 1 : 0;
                    matched++;
                }
            }
        }

        Assert.True(matched > 100, $"only {matched} detections checked");
        Assert.True(agree >= 0.97 * matched, $"{agree} of {matched} detections lie nearest the person their identity names");
        Assert.True(distractors > 0, "the detector model adds false positives; none was marked -1");
    }

    [Fact]
    public void Identities_MalformedFile_FailsNamingThePlace()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), DetectionIdentities.FileName);
        File.WriteAllText(path, """{"format": "polypose-detection-identities", "version": 1, "cameras": ["a", "b"], "frames": [{"frame": 0, "identities": [[0, -2], [1]]}]}""");
        var e = Assert.Throws<PolyposeFormatException>(() => DetectionIdentities.Read(path));
        Assert.Contains("frames[0].identities[0][1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("below -1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GroundTruth_ReadsBackInBody25AndPanoptic15()
    {
        var scene = SceneGenerator.Generate(Options());
        var files = SceneWriter.Write(scene, RepoPaths.NewTempDir());
        var body = Poses3DJson.Read(files.GroundTruth);
        var pan = Poses3DJson.Read(files.GroundTruthPanoptic);
        Assert.Equal("body25", body.Skeleton.Name);
        Assert.Equal("panoptic15", pan.Skeleton.Name);
        Assert.Equal(scene.Cameras.Select(c => c.Name), body.CameraNames);
        Assert.Equal(12, body.Frames.Count);
        var panMap = KnownSkeletons.Panoptic15.JointNames.Select(n => KnownSkeletons.Body25[n]).ToArray();
        for (var f = 0; f < 12; f++)
        {
            for (var p = 0; p < 3; p++)
            {
                var want = scene.GroundTruth[f].People[p];
                var got = body.Frames[f].People[p];
                Assert.Equal(want.Id, got.Id);
                Assert.Equal(want.DetectionPerView, got.DetectionPerView);
                for (var j = 0; j < 25; j++)
                {
                    Assert.True(Vec3.Distance(want.Joints[j], got.Joints[j]) < 1e-6);
                }

                for (var j = 0; j < 15; j++)
                {
                    Assert.True(Vec3.Distance(want.Joints[panMap[j]], pan.Frames[f].People[p].Joints[j]) < 1e-6);
                }
            }
        }
    }

    private static void AssertKeypoint(Polypose.Core.Poses.Keypoint2D want, Polypose.Core.Poses.Keypoint2D got)
    {
        Assert.Equal(want.IsPresent, got.IsPresent);
        if (want.IsPresent)
        {
            Assert.Equal(want.X, got.X, 6);
            Assert.Equal(want.Y, got.Y, 6);
            Assert.Equal(want.Score, got.Score, 6);
        }
    }
}
