using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Association.Anatomy;

/// <summary>
/// Rejects joints whose bone lengths are implausible (outside mean ± k·sd of <see cref="BoneLengthTable"/>), walking
/// from the root outwards so the child of a bad bone is rejected, not the parent: a bad wrist does not condemn the
/// elbow. A joint whose parent is missing is checked against its nearest reconstructed ancestor with the chain's
/// upper bound Σ(mean + k·sd) (a joint chain can fold, so there is no lower bound). The root is rejected first when more
/// of its tabulated child bones fail than pass. Bones absent from the table are not checked. Rejected joints get
/// confidence 0 and position <see cref="Vec3.Zero"/>.
/// </summary>
public sealed class AnatomicalRectifier
{
    private readonly int[] _order;
    private readonly int[] _parents;
    private readonly BoneStatistics?[] _bone;

    /// <summary>
    /// Prepares the walk order and bone statistics of <paramref name="skeleton"/>. Each bone's population sd is widened
    /// by <paramref name="measurementNoise"/> (mm, combined in quadrature): triangulated keypoints carry their own error,
    /// and a bone length inherits it from both ends.
    /// </summary>
    public AnatomicalRectifier(Skeleton skeleton, double measurementNoise = DefaultMeasurementNoise)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        if (!double.IsFinite(measurementNoise) || measurementNoise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(measurementNoise), measurementNoise, "must be finite and ≥ 0");
        }

        Skeleton = skeleton;
        var n = skeleton.JointCount;
        _parents = [.. skeleton.Parents];
        _bone = new BoneStatistics?[n];
        var depth = new int[n];
        for (var j = 0; j < n; j++)
        {
            for (var p = _parents[j]; p >= 0; p = _parents[p])
            {
                depth[j]++;
            }

            if (_parents[j] >= 0 && BoneLengthTable.TryGet(skeleton.JointNames[j], skeleton.JointNames[_parents[j]], out var s))
            {
                _bone[j] = s with { StandardDeviation = Math.Sqrt((s.StandardDeviation * s.StandardDeviation) + (measurementNoise * measurementNoise)) };
            }
        }

        _order = [.. Enumerable.Range(0, n).OrderBy(j => depth[j]).ThenBy(j => j)];
    }

    /// <summary>Default bone-length measurement noise (mm) of triangulated detector keypoints.</summary>
    public const double DefaultMeasurementNoise = 40;

    /// <summary>Joint indices from the root(s) outwards (by depth, then index).</summary>
    public ReadOnlySpan<int> WalkOrder => _order;

    /// <summary>The skeleton this rectifier checks.</summary>
    public Skeleton Skeleton { get; }

    /// <summary>
    /// Rectifies one person in place: <paramref name="joints"/> (mm) and <paramref name="confidence"/> (0 = missing),
    /// both of length <see cref="Skeleton"/>.JointCount. Returns the number of joints rejected.
    /// </summary>
    public int Rectify(Span<Vec3> joints, Span<double> confidence, double sigma) => Rectify(joints, confidence, sigma, null);

    /// <summary>
    /// Rectifies one person in place like <see cref="Rectify(Span{Vec3}, Span{double}, double)"/>, but before rejecting a
    /// joint asks <paramref name="alternatives"/> for other estimates of it (e.g. re-triangulations without one view),
    /// best first, and keeps the first plausible one. Returns the number of joints finally rejected.
    /// </summary>
    public int Rectify(Span<Vec3> joints, Span<double> confidence, double sigma, JointAlternatives? alternatives)
    {
        Span<Vec3> altPoints = stackalloc Vec3[8];
        Span<double> altConf = stackalloc double[8];
        var n = _parents.Length;
        if (joints.Length != n || confidence.Length != n)
        {
            throw new ArgumentException($"expected {n} joints and confidences for '{Skeleton.Name}', got {joints.Length} and {confidence.Length}");
        }

        var rejected = 0;
        foreach (var j in _order)
        {
            if (!(confidence[j] > 0))
            {
                continue;
            }

            var ok = Plausible(j, joints, confidence, sigma);
            if (!ok && alternatives is not null)
            {
                var (keptPoint, keptConf) = (joints[j], confidence[j]);
                var count = alternatives(j, altPoints, altConf);
                for (var k = 0; k < count && !ok; k++)
                {
                    joints[j] = altPoints[k];
                    confidence[j] = altConf[k];
                    ok = confidence[j] > 0 && Plausible(j, joints, confidence, sigma);
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

    /// <summary>
    /// The statistics (sd already widened by the measurement noise) of the bone from joint <paramref name="joint"/> to its
    /// parent; false for a root or an untabulated bone.
    /// </summary>
    public bool TryGetParentBone(int joint, out BoneStatistics statistics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(joint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(joint, _parents.Length);
        statistics = _bone[joint] ?? default;
        return _bone[joint] is not null;
    }

    /// <summary>
    /// Counts the tabulated bones whose two joints are both present (confidence &gt; 0) that lie within mean ± k·sd
    /// (<paramref name="pass"/>) or outside it (<paramref name="fail"/>); nothing is modified.
    /// </summary>
    public void CountBones(ReadOnlySpan<Vec3> joints, ReadOnlySpan<double> confidence, double sigma, out int pass, out int fail)
    {
        pass = 0;
        fail = 0;
        for (var j = 0; j < _parents.Length; j++)
        {
            var p = _parents[j];
            if (p < 0 || _bone[j] is not { } s || !(confidence[j] > 0) || !(confidence[p] > 0))
            {
                continue;
            }

            if (s.Accepts(Vec3.Distance(joints[j], joints[p]), sigma))
            {
                pass++;
            }
            else
            {
                fail++;
            }
        }
    }

    private bool Plausible(int j, Span<Vec3> joints, Span<double> confidence, double sigma) =>
        _parents[j] < 0 ? RootPlausible(j, joints, confidence, sigma) : BonePlausible(j, joints, confidence, sigma);

    private bool BonePlausible(int j, Span<Vec3> joints, Span<double> confidence, double sigma)
    {
        var parent = _parents[j];
        if (confidence[parent] > 0)
        {
            return _bone[j] is not { } s || s.Accepts(Vec3.Distance(joints[j], joints[parent]), sigma);
        }

        double upper = 0;
        for (var k = j; _parents[k] >= 0; k = _parents[k])
        {
            if (_bone[k] is not { } s)
            {
                return true;
            }

            upper += s.Upper(sigma);
            var ancestor = _parents[k];
            if (confidence[ancestor] > 0)
            {
                return Vec3.Distance(joints[j], joints[ancestor]) <= upper;
            }
        }

        return true;
    }

    private bool RootPlausible(int root, Span<Vec3> joints, Span<double> confidence, double sigma)
    {
        int pass = 0, fail = 0;
        for (var c = 0; c < _parents.Length; c++)
        {
            if (_parents[c] == root && confidence[c] > 0 && _bone[c] is { } s)
            {
                if (s.Accepts(Vec3.Distance(joints[c], joints[root]), sigma))
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
