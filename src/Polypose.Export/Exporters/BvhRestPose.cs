using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// The rest pose of the BVH and glTF skeletons: a T-pose in the Y-up output frame with the subject facing +Z (so the
/// subject's left is +X), chosen from joint names: legs down, feet forward, arms and hips sideways, spine and head up.
/// A bone whose names say nothing takes its median direction in the data (or +Y).
/// </summary>
public static class BvhRestPose
{
    /// <summary>The unit rest direction of the bone from <paramref name="parentName"/> to <paramref name="childName"/>.</summary>
    public static Vec3 Direction(string parentName, string childName, Vec3 medianDirection)
    {
        ArgumentNullException.ThrowIfNull(parentName);
        ArgumentNullException.ThrowIfNull(childName);
        var n = childName.ToLowerInvariant();
        var p = parentName.ToLowerInvariant();
        var side = n.Contains("left", StringComparison.Ordinal) ? 1.0 : n.Contains("right", StringComparison.Ordinal) ? -1.0 : 0.0;
        Vec3? d = null;
        if (Has(n, "knee", "ankle", "heel"))
        {
            d = new Vec3(0, -1, 0);
        }
        else if (Has(n, "toe", "foot"))
        {
            d = new Vec3(0, 0, 1);
        }
        else if (Has(n, "hip"))
        {
            d = Has(p, "shoulder") || side == 0 ? new Vec3(0, -1, 0) : new Vec3(side, 0, 0);
        }
        else if (Has(n, "shoulder", "elbow", "wrist", "hand", "clavicle") && side != 0)
        {
            d = new Vec3(side, 0, 0);
        }
        else if (Has(n, "eye", "ear"))
        {
            d = Has(p, "eye") ? new Vec3(side, 0, 0) : new Vec3(side, 1, 0);
        }
        else if (Has(n, "neck", "head", "nose", "spine", "chest", "thorax"))
        {
            d = new Vec3(0, 1, 0);
        }

        var v = (d ?? medianDirection).Normalized();
        return v == Vec3.Zero ? new Vec3(0, 1, 0) : v;
    }

    private static bool Has(string s, params string[] parts) => parts.Any(part => s.Contains(part, StringComparison.Ordinal));
}
