using Polypose.Core.Anatomy;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Body;

/// <summary>
/// Rejects joints whose bone lengths are implausible under a <see cref="BonePrior"/> (outside mean ± k·sd), walking
/// from the root outwards so the child of a bad bone is rejected, not the parent: a bad wrist does not condemn the
/// elbow. A joint whose parent is missing is checked against its nearest reconstructed ancestor with the chain's
/// upper bound Σ(mean + k·sd) (a joint chain can fold, so there is no lower bound). The root is rejected first when more
/// of its tabulated child bones fail than pass. Bones absent from the table are not checked. Rejected joints get
/// confidence 0 and position <see cref="Vec3.Zero"/>. Stateless after construction.
/// </summary>
public sealed class AnatomicalRectifier
{
    private readonly int[] _parents;

    /// <summary>Creates a rectifier judging by <paramref name="prior"/>.</summary>
    public AnatomicalRectifier(BonePrior prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        Prior = prior;
        _parents = [.. prior.Skeleton.Parents];
    }

    /// <summary>Creates a rectifier for <paramref name="skeleton"/> with the prior settings <paramref name="options"/> (null = defaults).</summary>
    public AnatomicalRectifier(Skeleton skeleton, BonePriorOptions? options = null)
        : this(new BonePrior(skeleton, options))
    {
    }

    /// <summary>The bone-length prior this rectifier applies.</summary>
    public BonePrior Prior { get; }

    /// <summary>The skeleton this rectifier checks.</summary>
    public Skeleton Skeleton => Prior.Skeleton;

    /// <summary>
    /// Rectifies one person in place: <paramref name="joints"/> (mm) and <paramref name="confidence"/> (0 = missing),
    /// both of length <see cref="Skeleton"/>.JointCount. Before rejecting a joint, asks <paramref name="alternatives"/>
    /// (when given) for other estimates of it (e.g. re-triangulations without one view), best first, and keeps the
    /// first plausible one. Returns the number of joints finally rejected.
    /// </summary>
    public int Rectify(Span<Vec3> joints, Span<double> confidence, JointAlternatives? alternatives = null)
    {
        Span<Vec3> altPoints = stackalloc Vec3[8];
        Span<double> altConf = stackalloc double[8];
        var n = _parents.Length;
        if (joints.Length != n || confidence.Length != n)
        {
            throw new ArgumentException($"expected {n} joints and confidences for '{Skeleton.Name}', got {joints.Length} and {confidence.Length}");
        }

        var rejected = 0;
        foreach (var j in Prior.WalkOrder)
        {
            if (!(confidence[j] > 0))
            {
                continue;
            }

            var ok = Plausible(j, joints, confidence);
            if (!ok && alternatives is not null)
            {
                var (keptPoint, keptConf) = (joints[j], confidence[j]);
                var count = alternatives(j, altPoints, altConf);
                for (var k = 0; k < count && !ok; k++)
                {
                    joints[j] = altPoints[k];
                    confidence[j] = altConf[k];
                    ok = confidence[j] > 0 && Plausible(j, joints, confidence);
                }

                if (!ok)
                {
                    (joints[j], confidence[j]) = (keptPoint, keptConf);
                }
            }

            if (!ok)
            {
                confidence[j] = 0;
                joints[j] = Vec3.Zero;
                rejected++;
            }
        }

        return rejected;
    }

    private bool Plausible(int j, Span<Vec3> joints, Span<double> confidence) =>
        _parents[j] < 0 ? RootPlausible(j, joints, confidence) : BonePlausible(j, joints, confidence);

    private bool BonePlausible(int j, Span<Vec3> joints, Span<double> confidence)
    {
        var parent = _parents[j];
        if (confidence[parent] > 0)
        {
            return !Prior.TryGetParentBone(j, out var s) || Prior.Accepts(s, Vec3.Distance(joints[j], joints[parent]));
        }

        double upper = 0;
        for (var k = j; _parents[k] >= 0; k = _parents[k])
        {
            if (!Prior.TryGetParentBone(k, out var s))
            {
                return true;
            }

            upper += Prior.Upper(s);
            var ancestor = _parents[k];
            if (confidence[ancestor] > 0)
            {
                return Vec3.Distance(joints[j], joints[ancestor]) <= upper;
            }
        }

        return true;
    }

    private bool RootPlausible(int root, Span<Vec3> joints, Span<double> confidence)
    {
        int pass = 0, fail = 0;
        for (var c = 0; c < _parents.Length; c++)
        {
            if (_parents[c] == root && confidence[c] > 0 && Prior.TryGetParentBone(c, out var s))
            {
                if (Prior.Accepts(s, Vec3.Distance(joints[c], joints[root])))
                {
                    pass++;
                }
                else
                {
                    fail++;
                }
            }
        }

        return fail <= pass;
    }
}
