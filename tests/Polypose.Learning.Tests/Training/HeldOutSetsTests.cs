using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Training;
using Polypose.Testing;

namespace Polypose.Learning.Tests.Training;

public sealed class HeldOutSetsTests
{
    [Fact]
    public void Build_Twice_SameDetectionsIdentitiesAndGroundTruth()
    {
        AssertSame(HeldOutSets.Build("rig3"), HeldOutSets.Build("rig3"));
    }

    [Fact]
    public void SyntheticRigs_HaveTheirCameraCountsOneScenePerKindAndHeldOutSeeds()
    {
        foreach (var cameras in HeldOutSets.UnseenCameraCounts)
        {
            var set = HeldOutSets.SyntheticRig(cameras).Take(2);
            Assert.Equal(Enum.GetValues<Polypose.Synthesis.Rigs.RigKind>().Length, set.Scenes.Count);
            Assert.True(set.HasIdentities);
            Assert.All(set.Scenes, s => Assert.Equal(cameras, s.Cameras.Count));
            Assert.All(set.Scenes, s => Assert.Equal(4, s.GroundTruth[0].People.Count));
            Assert.All(set.Scenes, s => Assert.True(HeldOutSets.IsHeldOutSeed(SeedOf(s))));
        }

        // 150 generated frames, every 4th scored: frames 0, 4, ..., 148.
        var rig5 = HeldOutSets.SyntheticRig(5).Scenes[0];
        Assert.Equal(Enumerable.Range(0, 38).Select(i => 4 * i), rig5.Frames.Select(f => f.FrameIndex));

        var crowd = HeldOutSets.Crowd().Take(1);
        Assert.Equal([8, 9, 10, 8, 9, 10, 8, 9, 10], crowd.Scenes.Select(s => s.GroundTruth[0].People.Count));
        Assert.All(crowd.Scenes, s => Assert.True(HeldOutSets.IsHeldOutSeed(SeedOf(s))));
        Assert.All(HeldOutSets.UnseenRigs.Concat(HeldOutSets.Crowded), s => Assert.True(HeldOutSets.IsHeldOut(s)));
        Assert.False(HeldOutSets.IsHeldOut(new SyntheticSceneSpec(new Polypose.Synthesis.Rigs.RigSpec(Polypose.Synthesis.Rigs.RigKind.Ring, 6), 7, 100, 1000)));
        Assert.False(HeldOutSets.IsHeldOutSeed(7));
    }

    [Fact]
    public void SyntheticSets_IdentitiesCoverEveryDetectionAndNameItsSourcePerson()
    {
        var set = HeldOutSets.Build("crowd").Take(6);
        foreach (var scene in set.Scenes)
        {
            for (var i = 0; i < scene.Frames.Count; i++)
            {
                var ids = scene.Identities![i];
                var people = scene.GroundTruth[i].People.Select(p => p.Id).ToHashSet();
                for (var v = 0; v < scene.Cameras.Count; v++)
                {
                    Assert.Equal(scene.Frames[i].Views[v].Count, ids[v].Length);
                    Assert.All(ids[v], id => Assert.True(id == -1 || people.Contains(id)));
                    Assert.Equal(ids[v].Where(id => id >= 0).Count(), ids[v].Where(id => id >= 0).Distinct().Count());
                }
            }
        }
    }

    [Fact]
    public void Build_UnknownNameOrMissingData_Throws()
    {
        Assert.Contains("known:", Assert.Throws<ArgumentException>(() => HeldOutSets.Build("rig6")).Message, StringComparison.Ordinal);
        Assert.Contains("shared data", Assert.Throws<ArgumentException>(() => HeldOutSets.Build("cmu1")).Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Panoptic_UnseenRig_HasItsCamerasAndDetectionsNearTheNamedPerson()
    {
        var set = HeldOutSets.Build("cmu3", SharedData.DataRoot);
        Assert.Equal(2, set.Scenes.Count);
        Assert.Equal(40, set.FrameCount);
        AssertSame(set, HeldOutSets.Build("cmu3", SharedData.DataRoot));
        int checkedCount = 0, agree = 0;
        var neck = KnownSkeletons.Body25["neck"];
        foreach (var scene in set.Scenes)
        {
            Assert.Equal(["00_10", "00_12", "00_16", "00_18"], scene.Cameras.Select(c => c.Name));
            for (var i = 0; i < scene.Frames.Count; i++)
            {
                var truth = scene.GroundTruth[i].People;
                for (var v = 0; v < scene.Cameras.Count; v++)
                {
                    var cam = scene.Cameras[v];
                    var views = scene.Frames[i].Views[v];
                    for (var d = 0; d < views.Count; d++)
                    {
                        var id = scene.Identities![i][v][d];
                        var k = views[d].Joints[neck];
                        if (id < 0 || !k.IsPresent)
                        {
                            continue;
                        }

                        // Independent check: the detected neck lies nearest the named person's projected GT neck.
                        var nearest = truth.Where(p => p.Confidence[0] > 0)
                            .MinBy(p => Vec2.Distance(cam.Project(p.Joints[0]).Pixel, new Vec2(k.X, k.Y)))!.Id;
                        agree += nearest == id ? 1 : 0;
                        checkedCount++;
                    }
                }
            }
        }

        Assert.True(checkedCount > 200, $"{checkedCount} detections checked");
        Assert.True(agree >= 0.97 * checkedCount, $"{agree} of {checkedCount} detections lie nearest their named person");
    }

    private static int SeedOf(EvaluationScene scene) => int.Parse(scene.Name[(scene.Name.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertSame(EvaluationSet a, EvaluationSet b)
    {
        Assert.Equal(a.Scenes.Count, b.Scenes.Count);
        for (var s = 0; s < a.Scenes.Count; s++)
        {
            var (x, y) = (a.Scenes[s], b.Scenes[s]);
            Assert.Equal(x.Name, y.Name);
            Assert.Equal(x.Frames.Count, y.Frames.Count);
            for (var i = 0; i < x.Frames.Count; i++)
            {
                for (var v = 0; v < x.Cameras.Count; v++)
                {
                    Assert.Equal(x.Identities![i][v], y.Identities![i][v]);
                    Assert.Equal(x.Frames[i].Views[v].Count, y.Frames[i].Views[v].Count);
                    for (var d = 0; d < x.Frames[i].Views[v].Count; d++)
                    {
                        Assert.Equal(x.Frames[i].Views[v][d].Joints, y.Frames[i].Views[v][d].Joints);
                    }
                }

                Assert.Equal(x.GroundTruth[i].People.SelectMany(p => p.Joints), y.GroundTruth[i].People.SelectMany(p => p.Joints));
            }
        }
    }
}
