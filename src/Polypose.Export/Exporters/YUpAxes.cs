using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// The z-up to Y-up conversion Pose2Sim applies to its TRC output (its <c>zup2yup</c>): the output axes are
/// (X, Y, Z) = (world y, world z, world x). It is a cyclic permutation, hence a proper rotation (right-handed frames
/// stay right-handed). Used by every Y-up format here (TRC, BVH, glTF) so that all of them agree.
/// </summary>
public static class YUpAxes
{
    /// <summary>A world (z-up) vector in the Y-up output frame, scaled by <paramref name="scale"/>.</summary>
    public static Vec3 FromWorld(Vec3 world, double scale = 1) => new(world.Y * scale, world.Z * scale, world.X * scale);

    /// <summary>The inverse: a Y-up output vector back in the world (z-up) frame, divided by <paramref name="scale"/>.</summary>
    public static Vec3 ToWorld(Vec3 yUp, double scale = 1) => new(yUp.Z / scale, yUp.X / scale, yUp.Y / scale);
}
