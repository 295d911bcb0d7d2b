using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Tracking.Tracking;

/// <summary>
/// A person's bone lengths (mm, one per <see cref="Core.Skeletons.Skeleton.Bones"/> entry), averaged over the frames a
/// track has seen: the identity cue that survives an occlusion (position alone does not).
/// </summary>
public sealed class BoneSignature
{
    private readonly double[] _sum;
    private readonly int[] _count;

    /// <summary>An empty signature for <paramref name="boneCount"/> bones.</summary>
    public BoneSignature(int boneCount)
    {
        _sum = new double[boneCount];
        _count = new int[boneCount];
    }

    /// <summary>Adds the bones of <paramref name="person"/> whose two joints are present.</summary>
    public void Add(Person3D person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var bones = person.Skeleton.Bones;
        for (var b = 0; b < bones.Count && b < _sum.Length; b++)
        {
            var (p, c) = bones[b];
            if (person.Has(p) && person.Has(c))
            {
                _sum[b] += Vec3.Distance(person.Joints[p], person.Joints[c]);
                _count[b]++;
            }
        }
    }

    /// <summary>
    /// The mean absolute difference (mm) between this signature and the bones of <paramref name="person"/>, over the
    /// bones both have; false when they share fewer than <paramref name="minBones"/> bones.
    /// </summary>
    public bool TryDifference(Person3D person, int minBones, out double meanAbsMm)
    {
        ArgumentNullException.ThrowIfNull(person);
        var bones = person.Skeleton.Bones;
        double sum = 0;
        var n = 0;
        for (var b = 0; b < bones.Count && b < _sum.Length; b++)
        {
            var (p, c) = bones[b];
            if (_count[b] > 0 && person.Has(p) && person.Has(c))
            {
                sum += Math.Abs((_sum[b] / _count[b]) - Vec3.Distance(person.Joints[p], person.Joints[c]));
                n++;
            }
        }

        meanAbsMm = n > 0 ? sum / n : 0;
        return n >= minBones && n > 0;
    }
}
