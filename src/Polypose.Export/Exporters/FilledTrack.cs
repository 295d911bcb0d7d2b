using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// A person's joints over the rows where the person appears (<see cref="PersonTrack.FirstRow"/> to
/// <see cref="PersonTrack.LastRow"/>), with every gap filled, for the animation formats (BVH, glTF) that have no
/// missing-marker convention: a joint missing between two observations is interpolated linearly, before the first or
/// after the last observation it takes the nearest one, and a joint never observed sits on its parent (a zero-length
/// bone). <see cref="FilledCount"/> says how many entries were filled, so an export can report it.
/// </summary>
public sealed class FilledTrack
{
    private FilledTrack(int firstRow, int rows, int joints, Vec3[] positions, bool[] observed, int filled, int neverSeen)
    {
        FirstRow = firstRow;
        Rows = rows;
        JointCount = joints;
        Positions = positions;
        Observed = observed;
        FilledCount = filled;
        NeverObservedJoints = neverSeen;
    }

    /// <summary>The sequence row of local row 0.</summary>
    public int FirstRow { get; }

    /// <summary>Rows covered (last − first + 1).</summary>
    public int Rows { get; }

    /// <summary>Joints per row.</summary>
    public int JointCount { get; }

    /// <summary><c>[rows, joints]</c> positions, world mm (z-up), gaps filled.</summary>
    public Vec3[] Positions { get; }

    /// <summary><c>[rows, joints]</c>: true where the position was in the input, false where it was filled.</summary>
    public bool[] Observed { get; }

    /// <summary>The number of filled (row, joint) entries.</summary>
    public int FilledCount { get; }

    /// <summary>Joints never observed for this person (placed on their parent).</summary>
    public int NeverObservedJoints { get; }

    /// <summary>The position of joint j at local row r.</summary>
    public Vec3 At(int r, int j) => Positions[(r * JointCount) + j];

    /// <summary>Fills the gaps of <paramref name="person"/> for <paramref name="skeleton"/>.</summary>
    public static FilledTrack From(PersonTrack person, Skeleton skeleton)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(skeleton);
        var first = person.FirstRow;
        var rows = person.LastRow - first + 1;
        var joints = skeleton.JointCount;
        var positions = new Vec3[rows * joints];
        var observed = new bool[rows * joints];
        var filled = 0;
        var neverSeen = 0;
        foreach (var j in ParentsFirst(skeleton))
        {
            var previous = -1;
            for (var r = 0; r < rows; r++)
            {
                if (!person.Has(first + r, j))
                {
                    continue;
                }

                positions[(r * joints) + j] = person.At(first + r, j);
                observed[(r * joints) + j] = true;
                var from = previous < 0 ? 0 : previous + 1;
                for (var g = from; g < r; g++)
                {
                    positions[(g * joints) + j] = previous < 0
                        ? person.At(first + r, j)
                        : Vec3.Lerp(positions[(previous * joints) + j], person.At(first + r, j), (g - previous) / (double)(r - previous));
                    filled++;
                }

                previous = r;
            }

            if (previous < 0)
            {
                neverSeen++;
                var parent = skeleton.Parents[j];
                for (var r = 0; r < rows; r++)
                {
                    positions[(r * joints) + j] = parent >= 0 ? positions[(r * joints) + parent] : Vec3.Zero;
                }

                filled += rows;
                continue;
            }

            for (var g = previous + 1; g < rows; g++)
            {
                positions[(g * joints) + j] = positions[(previous * joints) + j];
                filled++;
            }
        }

        return new FilledTrack(first, rows, joints, positions, observed, filled, neverSeen);
    }

    /// <summary>Joint indices ordered so that every parent comes before its children.</summary>
    internal static int[] ParentsFirst(Skeleton skeleton)
    {
        int Depth(int j)
        {
            var d = 0;
            for (var k = skeleton.Parents[j]; k >= 0; k = skeleton.Parents[k])
            {
                d++;
            }

            return d;
        }

        return [.. Enumerable.Range(0, skeleton.JointCount).OrderBy(Depth).ThenBy(j => j)];
    }
}
