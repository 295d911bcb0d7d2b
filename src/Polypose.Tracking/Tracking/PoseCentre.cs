using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Tracking.Tracking;

/// <summary>The point a track follows: the pelvis (mid_hip, else the mean of both hips), else the mean of the present joints (mm).</summary>
public static class PoseCentre
{
    /// <summary>The centre of <paramref name="person"/>; false when it has no present joint.</summary>
    public static bool TryGet(Person3D person, out Vec3 centre)
    {
        ArgumentNullException.ThrowIfNull(person);
        var s = person.Skeleton;
        var mid = s.IndexOf("mid_hip");
        if (mid >= 0 && person.Has(mid))
        {
            centre = person.Joints[mid];
            return true;
        }

        int l = s.IndexOf("left_hip"), r = s.IndexOf("right_hip");
        if (l >= 0 && r >= 0 && person.Has(l) && person.Has(r))
        {
            centre = (person.Joints[l] + person.Joints[r]) / 2;
            return true;
        }

        var sum = Vec3.Zero;
        var n = 0;
        for (var j = 0; j < person.Joints.Length; j++)
        {
            if (person.Has(j))
            {
                sum += person.Joints[j];
                n++;
            }
        }

        centre = n > 0 ? sum / n : Vec3.Zero;
        return n > 0;
    }
}
