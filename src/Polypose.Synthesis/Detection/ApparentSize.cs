using Polypose.Geometry;

namespace Polypose.Synthesis.Detection;

/// <summary>The scale that the detector model's lengths are relative to.</summary>
public static class ApparentSize
{
    /// <summary>The reference stature, mm.</summary>
    public const double ReferenceHeight = 1700;

    /// <summary>BODY25 indices of the twelve limb joints (shoulders, elbows, wrists, hips, knees, ankles) whose centroid sets the depth.</summary>
    public static ReadOnlySpan<int> LimbJoints => [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14];

    /// <summary>
    /// fx · 1700 mm / depth of <paramref name="centroid"/> (world mm): a 1.7 m person's height in pixels at that distance;
    /// 0 when the point is not in front of the camera.
    /// </summary>
    public static double Pixels(Camera camera, Vec3 centroid)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var z = camera.WorldToCamera(centroid).Z;
        return z > 1 ? camera.Intrinsics.Fx * ReferenceHeight / z : 0;
    }
}
