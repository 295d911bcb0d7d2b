namespace Polypose.Geometry;

/// <summary>
/// A rigid transform x' = R·x + t (R a rotation, t in millimetres unless the caller says otherwise). A camera's
/// extrinsics are the world-to-camera <see cref="Pose3"/>. <c>a * b</c> applies b first, then a.
/// </summary>
public readonly record struct Pose3(Mat3 Rotation, Vec3 Translation)
{
    /// <summary>The identity transform.</summary>
    public static Pose3 Identity => new(Mat3.Identity, Vec3.Zero);

    /// <summary>Transforms a point: R·p + t.</summary>
    public Vec3 Apply(Vec3 point) => (Rotation * point) + Translation;

    /// <summary>Transforms a direction (no translation): R·d.</summary>
    public Vec3 ApplyToDirection(Vec3 direction) => Rotation * direction;

    /// <summary>The inverse transform (Rᵀ, −Rᵀt); assumes R is a rotation.</summary>
    public Pose3 Inverse()
    {
        var rt = Rotation.Transpose();
        return new Pose3(rt, -(rt * Translation));
    }

    /// <summary>This rigid transform as a similarity with scale 1.</summary>
    public Similarity3 ToSimilarity() => new(1, Rotation, Translation);

    /// <summary>Composition: (a * b).Apply(p) = a.Apply(b.Apply(p)).</summary>
    public static Pose3 operator *(Pose3 a, Pose3 b) => new(a.Rotation * b.Rotation, (a.Rotation * b.Translation) + a.Translation);
}
