using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Tracking.Tests;

/// <summary>Small hand-made people for the tracking tests.</summary>
internal static class TestPeople
{
    /// <summary>A 5-joint chain: pelvis (mid_hip), spine, head, left foot, right foot.</summary>
    public static readonly Skeleton Chain = new("test5", ["mid_hip", "neck", "head", "left_foot", "right_foot"], [-1, 0, 1, 0, 0]);

    /// <summary>A person of the chain skeleton whose pelvis is at <paramref name="at"/>; <paramref name="scale"/> scales its bones (1 = 500/250/900 mm).</summary>
    public static Person3D At(int id, Vec3 at, double scale = 1) => new(
        id,
        Chain,
        [at, at + new Vec3(0, 0, 500 * scale), at + new Vec3(0, 0, 750 * scale), at + new Vec3(-100 * scale, 0, -900 * scale), at + new Vec3(100 * scale, 0, -900 * scale)],
        [1, 1, 1, 1, 1],
        []);

    public static Frame3D Frame(int index, params Person3D[] people) => new(index, people);
}
