using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>A person's bone lengths: per joint, the median over frames of its distance to its parent (mm; 0 for roots and unseen bones).</summary>
public static class BoneLengths
{
    /// <summary>Per joint j, the median of |p_j − p_parent(j)| over the frames where both were reconstructed.</summary>
    public static double[] Median(PersonTrack person, Skeleton skeleton)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(skeleton);
        var result = new double[skeleton.JointCount];
        var values = new List<double>();
        for (var j = 0; j < skeleton.JointCount; j++)
        {
            var parent = skeleton.Parents[j];
            if (parent < 0)
            {
                continue;
            }

            values.Clear();
            for (var f = Math.Max(0, person.FirstRow); f <= person.LastRow; f++)
            {
                if (person.Has(f, j) && person.Has(f, parent))
                {
                    values.Add(Vec3.Distance(person.At(f, j), person.At(f, parent)));
                }
            }

            if (values.Count > 0)
            {
                values.Sort();
                var n = values.Count;
                result[j] = n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
            }
        }

        return result;
    }
}
