using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Conversion;
using Polypose.Geometry;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Puts a prediction and a ground-truth pose on common joints: same skeleton → as is; Shelf14/15 ground truth → the
/// prediction is converted to Shelf15 and the first 14 joints are compared (dispose.md §8.1 item 8); otherwise joints
/// are paired by name (the GT joints whose name the prediction's skeleton also has).
/// </summary>
internal static class JointPairing
{
    /// <summary>
    /// Fills aligned arrays [K] (prediction, ground truth, mask = visible in GT and present in the prediction).
    /// </summary>
    public static (Vec3[] Pred, Vec3[] Gt, bool[] Mask) Pair(Person3D pred, Person3D gt, HeadRule headRule)
    {
        if (KnownSkeletons.IsShelf(gt.Skeleton))
        {
            var p = ShelfConversion.ToShelf15(pred, headRule);
            var mask = new bool[14];
            for (var j = 0; j < 14; j++)
            {
                mask[j] = p.Confidence[j] > 0 && gt.Confidence[j] > 0;
            }

            return (p.Joints[..14], gt.Joints[..14], mask);
        }

        if (ReferenceEquals(pred.Skeleton, gt.Skeleton) || pred.Skeleton.Name == gt.Skeleton.Name)
        {
            var mask = new bool[gt.Joints.Length];
            for (var j = 0; j < mask.Length; j++)
            {
                mask[j] = pred.Confidence[j] > 0 && gt.Confidence[j] > 0;
            }

            return (pred.Joints, gt.Joints, mask);
        }

        var names = gt.Skeleton.JointNames;
        var pj = new Vec3[names.Count];
        var m = new bool[names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            var k = pred.Skeleton.IndexOf(names[j]);
            if (k >= 0)
            {
                pj[j] = pred.Joints[k];
                m[j] = pred.Confidence[k] > 0 && gt.Confidence[j] > 0;
            }
        }

        return (pj, gt.Joints, m);
    }

    /// <summary>The root (mid_hip, else the mean of both hips) when present; false otherwise.</summary>
    public static bool TryRoot(Person3D p, out Vec3 root)
    {
        var s = p.Skeleton;
        var mid = s.IndexOf("mid_hip");
        if (mid >= 0 && p.Confidence[mid] > 0 && p.Joints[mid].IsFinite)
        {
            root = p.Joints[mid];
            return true;
        }

        int l = s.IndexOf("left_hip"), r = s.IndexOf("right_hip");
        if (l >= 0 && r >= 0 && p.Confidence[l] > 0 && p.Confidence[r] > 0)
        {
            root = (p.Joints[l] + p.Joints[r]) / 2;
            return root.IsFinite;
        }

        root = Vec3.Zero;
        return false;
    }

    /// <summary>The mean confidence over the person's joints with positive confidence (0 when none): the default score.</summary>
    public static double MeanConfidence(Person3D p)
    {
        double s = 0;
        var n = 0;
        foreach (var c in p.Confidence)
        {
            if (c > 0 && double.IsFinite(c))
            {
                s += c;
                n++;
            }
        }

        return n == 0 ? 0 : s / n;
    }
}
