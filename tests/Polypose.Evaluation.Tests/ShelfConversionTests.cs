using Polypose.Core.Skeletons;
using Polypose.Evaluation.Conversion;
using Polypose.Geometry;
using static Polypose.Evaluation.Tests.TestPoses;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class ShelfConversionTests
{
    [Fact]
    public void ToShelf15_Shelf15Person_IsIdentity()
    {
        var gt = Shelf15(2, 100, 200);
        var c = ShelfConversion.ToShelf15(gt);
        Assert.Equal(gt.Joints, c.Joints);
        Assert.Equal(gt.Confidence, c.Confidence);
        Assert.Equal(2, c.Id);
    }

    [Fact]
    public void ToShelf15_Shelf14Person_AddsHipCentre()
    {
        var s14 = ShelfConversion.ToShelf14(Shelf15(0));
        var back = ShelfConversion.ToShelf15(s14);
        Assert.Equal(14, s14.Joints.Length);
        Assert.Equal(new Vec3(0, 0, 950), back.Joints[14]);
        Assert.Equal(1, back.Confidence[14]);
    }

    [Theory]
    [InlineData("body25")]
    [InlineData("panoptic15")]
    [InlineData("skel19")]
    [InlineData("coco17")]
    public void ToShelf14_KnownSkeletons_CopiesLimbsByName(string skeleton)
    {
        var gt = Shelf15(0, 300, -200);
        var pred = As(KnownSkeletons.ByName(skeleton), gt);
        var c = ShelfConversion.ToShelf14(pred);
        Assert.Equal("shelf14", c.Skeleton.Name);
        for (var j = 0; j < 12; j++)
        {
            Assert.Equal(gt.Joints[j], c.Joints[j]);
            Assert.Equal(1, c.Confidence[j]);
        }
    }

    [Fact]
    public void ToShelf15_Body25WithPelvis_UsesPelvisAsHipCentre()
    {
        var gt = Moved(Shelf15(0), 14, new Vec3(0, 30, 0)); // pelvis not exactly between the hips
        var c = ShelfConversion.ToShelf15(As(KnownSkeletons.Body25, gt));
        Assert.Equal(gt.Joints[14], c.Joints[14]);
    }

    [Fact]
    public void ToShelf15_Coco17WithoutPelvis_UsesMeanOfHips()
    {
        var c = ShelfConversion.ToShelf15(As(KnownSkeletons.Coco17, Shelf15(0)));
        Assert.Equal(new Vec3(0, 0, 950), c.Joints[14]);
    }

    [Fact]
    public void ToShelf14_Body25FaceLookingForward_HeadIsAboveShouldersAndTopAboveBottom()
    {
        // A BODY25 person facing +y: shoulders at z 1450, ears at z 1640, nose 100 mm in front of the ears.
        var p = Body25Head(new Vec3(0, 0, 1640), forward: new Vec3(0, 1, 0));
        var c = ShelfConversion.ToShelf14(p);
        Assert.True(c.Confidence[12] > 0 && c.Confidence[13] > 0);
        Assert.InRange(c.Joints[12].Z, 1451, 1639);
        Assert.True(c.Joints[13].Z > c.Joints[12].Z + 100);
    }

    [Fact]
    public void ToShelf14_HeadRule_UsesOnlyPredictedJoints()
    {
        // Moving the predicted ears moves both synthesized head joints: they come from the prediction itself.
        var a = ShelfConversion.ToShelf14(Body25Head(new Vec3(0, 0, 1640), new Vec3(0, 1, 0)));
        var b = ShelfConversion.ToShelf14(Body25Head(new Vec3(0, 0, 1700), new Vec3(0, 1, 0)));
        Assert.True(b.Joints[12].Z > a.Joints[12].Z);
        Assert.True(b.Joints[13].Z > a.Joints[13].Z);
    }

    [Fact]
    public void ToShelf14_NoShouldersNoNeck_HeadMissing()
    {
        var p = As(KnownSkeletons.Coco17, Shelf15(0));
        var conf = (double[])p.Confidence.Clone();
        conf[KnownSkeletons.Coco17["left_shoulder"]] = 0;
        var c = ShelfConversion.ToShelf14(p with { Confidence = conf });
        Assert.Equal(0, c.Confidence[12]);
        Assert.Equal(0, c.Confidence[13]);
        Assert.Equal(Vec3.Zero, c.Joints[13]);
    }

    /// <summary>A BODY25 person from <see cref="TestPoses.Shelf15"/> plus neck, nose, eyes and ears around an ear centre.</summary>
    private static Core.Poses.Person3D Body25Head(Vec3 earCentre, Vec3 forward)
    {
        var p = As(KnownSkeletons.Body25, Shelf15(0));
        var s = KnownSkeletons.Body25;
        var j = (Vec3[])p.Joints.Clone();
        var c = (double[])p.Confidence.Clone();
        var right = Vec3.Cross(forward, Vec3.UnitZ);
        void Set(string name, Vec3 v)
        {
            j[s[name]] = v;
            c[s[name]] = 0.9;
        }

        Set("neck", new Vec3(0, 0, 1450));
        Set("mid_hip", new Vec3(0, 0, 950));
        Set("right_ear", earCentre + (right * 75));
        Set("left_ear", earCentre - (right * 75));
        Set("right_eye", earCentre + (forward * 80) + (right * 30) + new Vec3(0, 0, 10));
        Set("left_eye", earCentre + (forward * 80) - (right * 30) + new Vec3(0, 0, 10));
        Set("nose", earCentre + (forward * 100) - new Vec3(0, 0, 20));
        return p with { Joints = j, Confidence = c };
    }
}
