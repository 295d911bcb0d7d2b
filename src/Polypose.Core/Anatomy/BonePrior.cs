using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Core.Anatomy;

/// <summary>
/// The bone-length prior of one skeleton: for every joint with a parent, the statistics (mm) of the bone to that parent
/// from <see cref="BoneLengthTable"/> with the sd widened by <see cref="BonePriorOptions.MeasurementNoise"/>, and the
/// plausibility interval mean ± <see cref="BonePriorOptions.Sigma"/>·sd. Bones absent from the table are not judged.
/// Immutable after construction; safe to share between threads.
/// </summary>
public sealed class BonePrior
{
    private readonly int[] _order;
    private readonly int[] _parents;
    private readonly BoneStatistics?[] _bone;

    /// <summary>Tabulates the bones of <paramref name="skeleton"/> under <paramref name="options"/> (null = <see cref="BonePriorOptions.Default"/>).</summary>
    public BonePrior(Skeleton skeleton, BonePriorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        Skeleton = skeleton;
        Options = options ?? BonePriorOptions.Default;
        var noise = Options.MeasurementNoise;
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
                _bone[j] = s with { StandardDeviation = Math.Sqrt((s.StandardDeviation * s.StandardDeviation) + (noise * noise)) };
            }
        }

        _order = [.. Enumerable.Range(0, n).OrderBy(j => depth[j]).ThenBy(j => j)];
    }

    /// <summary>The skeleton whose bones this prior judges.</summary>
    public Skeleton Skeleton { get; }

    /// <summary>The settings in use.</summary>
    public BonePriorOptions Options { get; }

    /// <summary>The k of the plausible interval mean ± k·sd.</summary>
    public double Sigma => Options.Sigma;

    /// <summary>Joint indices from the root(s) outwards (by depth, then index).</summary>
    public ReadOnlySpan<int> WalkOrder => _order;

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

    /// <summary>Whether a length (mm) of bone <paramref name="statistics"/> lies within mean ± <see cref="Sigma"/>·sd.</summary>
    public bool Accepts(BoneStatistics statistics, double length) => statistics.Accepts(length, Options.Sigma);

    /// <summary>The largest plausible length (mm) of bone <paramref name="statistics"/>, mean + <see cref="Sigma"/>·sd.</summary>
    public double Upper(BoneStatistics statistics) => statistics.Upper(Options.Sigma);

    /// <summary>
    /// Counts the tabulated bones whose two joints are both <paramref name="present"/> that are plausible
    /// (<paramref name="pass"/>) or not (<paramref name="fail"/>); <paramref name="joints"/> (mm) and
    /// <paramref name="present"/> have one entry per joint of <see cref="Skeleton"/>.
    /// </summary>
    public void CountBones(ReadOnlySpan<Vec3> joints, ReadOnlySpan<bool> present, out int pass, out int fail)
    {
        pass = 0;
        fail = 0;
        var sigma = Options.Sigma;
        for (var j = 0; j < _parents.Length; j++)
        {
            var p = _parents[j];
            if (p < 0 || _bone[j] is not { } s || !present[j] || !present[p])
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
}
