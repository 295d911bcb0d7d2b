using Polypose.Learning.Comparison;
using Polypose.Learning.Training;

namespace Polypose.Learning.Tests.Comparison;

public sealed class ViewScalingSetsTests
{
    [Fact]
    public void Names_AreViews3ToViews7()
    {
        Assert.Equal(["views3", "views4", "views5", "views6", "views7"], ViewScalingSets.Names);
    }

    [Fact]
    public void CamerasOf_SpreadsTheKeptCamerasAroundTheSevenCameraRing()
    {
        Assert.Equal([0, 2, 4], ViewScalingSets.CamerasOf(3));
        Assert.Equal([0, 1, 3, 5], ViewScalingSets.CamerasOf(4));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], ViewScalingSets.CamerasOf(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ViewScalingSets.CamerasOf(2));
    }

    [Fact]
    public void Build_FewerViews_SameScenePeopleAndGroundTruthOnlyTheKeptCameras()
    {
        var three = ViewScalingSets.Build("views3");
        var seven = ViewScalingSets.Build("views7");
        Assert.True(HeldOutSets.IsHeldOutSeed(ViewScalingSets.Seed));
        var (a, b) = (Assert.Single(three.Scenes), Assert.Single(seven.Scenes));
        Assert.Equal(38, a.Frames.Count);
        Assert.Equal(3, a.Cameras.Count);
        Assert.Equal(7, b.Cameras.Count);
        Assert.Same(b.Cameras[4], a.Cameras[2]);
        Assert.Equal(b.GroundTruth.Select(f => f.FrameIndex), a.GroundTruth.Select(f => f.FrameIndex));
        Assert.Equal(b.GroundTruth[5].People[1].Joints, a.GroundTruth[5].People[1].Joints);
        for (var i = 0; i < a.Frames.Count; i++)
        {
            Assert.Equal(3, a.Frames[i].Views.Count);
            Assert.Same(b.Frames[i].Views[2], a.Frames[i].Views[1]);
            Assert.Equal(b.Identities![i][4], a.Identities![i][2]);
            Assert.Equal(a.Frames[i].Views[2].Count, a.Identities[i][2].Length);
        }
    }
}
