using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Evaluation.Conversion;

/// <summary>
/// Converts predicted persons of any skeleton (BODY25, Panoptic15, Skel19, COCO17, Shelf14/15, or any skeleton using
/// the shared joint names) to the Shelf/Campus evaluation layout, world mm.
/// <list type="bullet">
/// <item>The 12 limb joints (ankles, knees, hips, wrists, elbows, shoulders) are copied by name.</item>
/// <item><c>bottom_head</c>/<c>top_head</c> are copied when the source has them (Shelf14/15 identity), otherwise
/// synthesised from the source's own joints by a <see cref="HeadRule"/>.</item>
/// <item>Shelf15's <c>mid_hip</c> (index 14) is the source's <c>mid_hip</c> (pelvis) when present, else the mean of
/// the two hips.</item>
/// </list>
/// A joint that cannot be produced gets confidence 0 and position zero. Id and per-view detections are kept.
/// </summary>
public static class ShelfConversion
{
    private static readonly string[] LimbJoints =
    [
        "right_ankle", "right_knee", "right_hip", "left_hip", "left_knee", "left_ankle", "right_wrist", "right_elbow",
        "right_shoulder", "left_shoulder", "left_elbow", "left_wrist",
    ];

    /// <summary>True when <paramref name="skeleton"/> names every Shelf limb joint (ankles to wrists), so a conversion loses no limb.</summary>
    public static bool CoversLimbs(Skeleton skeleton)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        return LimbJoints.All(name => skeleton.IndexOf(name) >= 0);
    }

    /// <summary>Converts one person to <see cref="KnownSkeletons.Shelf15"/> (Shelf-14 plus the hip centre).</summary>
    public static Person3D ToShelf15(Person3D person, HeadRule? headRule = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var target = KnownSkeletons.Shelf15;
        var joints = new Vec3[target.JointCount];
        var confidence = new double[target.JointCount];
        var source = new NamedJoints(person);
        for (var j = 0; j < LimbJoints.Length; j++)
        {
            Copy(source, LimbJoints[j], j, joints, confidence);
        }

        if (source.Has("bottom_head") && source.Has("top_head"))
        {
            Copy(source, "bottom_head", 12, joints, confidence);
            Copy(source, "top_head", 13, joints, confidence);
        }
        else if ((headRule ?? HeadRule.Default).TrySynthesize(person, out var bottom, out var top, out var c))
        {
            joints[12] = bottom;
            joints[13] = top;
            confidence[12] = confidence[13] = c;
        }

        if (source.Has("mid_hip"))
        {
            Copy(source, "mid_hip", 14, joints, confidence);
        }
        else if (confidence[2] > 0 && confidence[3] > 0)
        {
            joints[14] = (joints[2] + joints[3]) / 2;
            confidence[14] = Math.Min(confidence[2], confidence[3]);
        }

        return new Person3D(person.Id, target, joints, confidence, person.DetectionPerView);
    }

    /// <summary>Converts one person to <see cref="KnownSkeletons.Shelf14"/> (the first 14 joints of <see cref="ToShelf15(Person3D, HeadRule?)"/>).</summary>
    public static Person3D ToShelf14(Person3D person, HeadRule? headRule = null)
    {
        var p15 = ToShelf15(person, headRule);
        return new Person3D(p15.Id, KnownSkeletons.Shelf14, p15.Joints[..14], p15.Confidence[..14], p15.DetectionPerView);
    }

    /// <summary>Converts every person of a frame to Shelf15.</summary>
    public static Frame3D ToShelf15(Frame3D frame, HeadRule? headRule = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new Frame3D(frame.FrameIndex, [.. frame.People.Select(p => ToShelf15(p, headRule))]);
    }

    /// <summary>Converts every person of a frame to Shelf14.</summary>
    public static Frame3D ToShelf14(Frame3D frame, HeadRule? headRule = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new Frame3D(frame.FrameIndex, [.. frame.People.Select(p => ToShelf14(p, headRule))]);
    }

    private static void Copy(NamedJoints source, string name, int target, Vec3[] joints, double[] confidence)
    {
        if (source.Has(name))
        {
            joints[target] = source.Position(name);
            confidence[target] = source.Confidence(name);
        }
    }
}
