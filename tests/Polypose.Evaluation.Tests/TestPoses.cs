using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Evaluation.Tests;

/// <summary>Hand-built poses for the evaluation tests (world mm, z-up).</summary>
internal static class TestPoses
{
    /// <summary>A standing Shelf15 person facing +y, feet at (x, y, 0); joint 14 = mean of the hips.</summary>
    public static Person3D Shelf15(int id, double x = 0, double y = 0)
    {
        Vec3[] j =
        [
            new(-100, 0, 50),    // 0 right_ankle
            new(-100, 0, 500),   // 1 right_knee
            new(-100, 0, 950),   // 2 right_hip
            new(100, 0, 950),    // 3 left_hip
            new(100, 0, 500),    // 4 left_knee
            new(100, 0, 50),     // 5 left_ankle
            new(-250, 0, 900),   // 6 right_wrist
            new(-220, 0, 1150),  // 7 right_elbow
            new(-200, 0, 1450),  // 8 right_shoulder
            new(200, 0, 1450),   // 9 left_shoulder
            new(220, 0, 1150),   // 10 left_elbow
            new(250, 0, 900),    // 11 left_wrist
            new(0, 10, 1560),    // 12 bottom_head
            new(0, 0, 1780),     // 13 top_head
            new(0, 0, 950),      // 14 mid_hip
        ];
        var off = new Vec3(x, y, 0);
        return new Person3D(id, KnownSkeletons.Shelf15, [.. j.Select(p => p + off)], Ones(15), [-1]);
    }

    /// <summary>A copy of a person with joint <paramref name="joint"/> moved by <paramref name="delta"/>.</summary>
    public static Person3D Moved(Person3D p, int joint, Vec3 delta)
    {
        var j = (Vec3[])p.Joints.Clone();
        j[joint] += delta;
        return p with { Joints = j };
    }

    /// <summary>A copy with every joint translated.</summary>
    public static Person3D Shifted(Person3D p, Vec3 delta) => p with { Joints = [.. p.Joints.Select(v => v + delta)] };

    /// <summary>A person of another skeleton built from a Shelf15 pose by joint name (missing names get confidence 0).</summary>
    public static Person3D As(Skeleton skeleton, Person3D shelf, double confidence = 1)
    {
        var joints = new Vec3[skeleton.JointCount];
        var conf = new double[skeleton.JointCount];
        for (var j = 0; j < skeleton.JointCount; j++)
        {
            var k = shelf.Skeleton.IndexOf(skeleton.JointNames[j]);
            if (k >= 0)
            {
                joints[j] = shelf.Joints[k];
                conf[j] = confidence;
            }
        }

        return new Person3D(shelf.Id, skeleton, joints, conf, [-1]);
    }

    public static Frame3D Frame(int index, params Person3D[] people) => new(index, people);

    public static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];
}
