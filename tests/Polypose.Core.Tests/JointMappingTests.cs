using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Core.Tests;

[Trait("Stage", "Core")]
public sealed class JointMappingTests
{
    [Fact]
    public void Map_Coco17ToPanoptic15_SynthesizesNeckAndMidHipWithMinScore()
    {
        var coco = KnownSkeletons.Coco17;
        var joints = new Keypoint2D[17];
        joints[coco["left_shoulder"]] = new Keypoint2D(100, 50, 0.9);
        joints[coco["right_shoulder"]] = new Keypoint2D(60, 54, 0.7);
        joints[coco["left_hip"]] = new Keypoint2D(96, 150, 0.8);
        joints[coco["right_hip"]] = new Keypoint2D(70, 150, 0.6);
        joints[coco["nose"]] = new Keypoint2D(80, 20, 0.95);
        var mapping = JointMapping.Create(coco, KnownSkeletons.Panoptic15);

        var mapped = mapping.Map(joints);

        var p = KnownSkeletons.Panoptic15;
        Assert.Equal(new Keypoint2D(80, 52, 0.7), mapped[p["neck"]]);
        Assert.Equal(new Keypoint2D(83, 150, 0.6), mapped[p["mid_hip"]]);
        Assert.Equal(joints[coco["nose"]], mapped[p["nose"]]);
        Assert.Equal(joints[coco["left_shoulder"]], mapped[p["left_shoulder"]]);
        Assert.False(mapped[p["left_knee"]].IsPresent);
        Assert.Equal(15, mapping.MappedCount);
    }

    [Fact]
    public void Map_Coco17NeckWithOneShoulderMissing_IsMissing()
    {
        var coco = KnownSkeletons.Coco17;
        var joints = new Keypoint2D[17];
        joints[coco["left_shoulder"]] = new Keypoint2D(100, 50, 0.9);

        var mapped = JointMapping.Create(coco, KnownSkeletons.Body25).Map(joints);

        Assert.False(mapped[KnownSkeletons.Body25["neck"]].IsPresent);
        Assert.True(mapped[KnownSkeletons.Body25["left_shoulder"]].IsPresent);
    }

    [Fact]
    public void Create_Body25ToSkel19_MatchesFormatsTable()
    {
        // formats.md: BODY25 -> SKEL19 (BODY25 index -> SKEL19 index).
        int[] body25 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18, 19, 22];
        int[] skel19 = [4, 1, 5, 11, 15, 6, 12, 16, 0, 2, 7, 13, 3, 8, 14, 9, 10, 17, 18];

        var mapping = JointMapping.Create(KnownSkeletons.Body25, KnownSkeletons.Skel19);

        Assert.Equal(19, mapping.MappedCount);
        for (var i = 0; i < body25.Length; i++)
        {
            Assert.Equal(new JointSource(body25[i], -1), mapping.Sources[skel19[i]]);
        }
    }

    [Fact]
    public void Map_Skel19ToBody25_LeavesEyesAndHeelsMissing()
    {
        var mapping = JointMapping.Create(KnownSkeletons.Skel19, KnownSkeletons.Body25);
        var joints = Enumerable.Range(0, 19).Select(i => new Keypoint2D(i, i, 1)).ToArray();

        var mapped = mapping.Map(joints);

        Assert.Equal(19, mapping.MappedCount);
        Assert.False(mapped[KnownSkeletons.Body25["right_eye"]].IsPresent);
        Assert.False(mapped[KnownSkeletons.Body25["right_heel"]].IsPresent);
        Assert.Equal(joints[KnownSkeletons.Skel19["left_big_toe"]], mapped[KnownSkeletons.Body25["left_big_toe"]]);
    }

    [Fact]
    public void Map_Body25ToPanoptic15_CopiesByName()
    {
        var mapping = JointMapping.Create(KnownSkeletons.Body25, KnownSkeletons.Panoptic15);

        Assert.Equal(15, mapping.MappedCount);
        Assert.All(mapping.Sources, s => Assert.False(s.IsSynthesized));
        Assert.Equal(KnownSkeletons.Body25["mid_hip"], mapping.Sources[KnownSkeletons.Panoptic15["mid_hip"]].First);
    }

    [Fact]
    public void Map3D_Coco17ToPanoptic15_MeansPositionsAndMinConfidence()
    {
        var coco = KnownSkeletons.Coco17;
        var joints = new Vec3[17];
        var conf = new double[17];
        joints[coco["left_hip"]] = new Vec3(100, 0, 900);
        joints[coco["right_hip"]] = new Vec3(-100, 20, 1000);
        conf[coco["left_hip"]] = 0.9;
        conf[coco["right_hip"]] = 0.4;

        var (outJoints, outConf) = JointMapping.Create(coco, KnownSkeletons.Panoptic15).Map(joints, conf);

        var hip = KnownSkeletons.Panoptic15["mid_hip"];
        Assert.Equal(new Vec3(0, 10, 950), outJoints[hip]);
        Assert.Equal(0.4, outConf[hip]);
        Assert.Equal(0, outConf[KnownSkeletons.Panoptic15["neck"]]);
        Assert.Equal(Vec3.Zero, outJoints[KnownSkeletons.Panoptic15["neck"]]);
    }

    [Fact]
    public void Map_WrongLength_Throws()
    {
        var mapping = JointMapping.Create(KnownSkeletons.Body25, KnownSkeletons.Panoptic15);

        Assert.Throws<ArgumentException>(() => mapping.Map(new Keypoint2D[17]));
    }
}
