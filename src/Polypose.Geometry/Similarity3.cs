namespace Polypose.Geometry;

/// <summary>
/// A similarity transform x' = s·R·x + t: a rotation R, a positive uniform scale s (e.g. 10 for cm → mm) and a
/// translation t in the target frame's units. Used to re-express points and cameras in another world frame
/// (<see cref="Camera.WithWorldTransform(Similarity3)"/>, <see cref="WorldFrame"/>). <c>a * b</c> applies b first.
/// </summary>
public readonly record struct Similarity3
{
    /// <summary>Creates a similarity; throws <see cref="ArgumentException"/> when the scale is not positive and finite or R is not a rotation (tolerance 1e-6).</summary>
    public Similarity3(double scale, Mat3 rotation, Vec3 translation)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentException($"similarity scale must be positive and finite, got {scale}", nameof(scale));
        }

        if (!rotation.IsRotation())
        {
            throw new ArgumentException($"similarity rotation is not a rotation matrix (|R·Rᵀ − I| = {rotation.OrthonormalityError():G3}, det = {rotation.Determinant():G4})", nameof(rotation));
        }

        if (!translation.IsFinite)
        {
            throw new ArgumentException("similarity translation contains NaN or infinity", nameof(translation));
        }

        Scale = scale;
        Rotation = rotation;
        Translation = translation;
    }

    /// <summary>The identity transform.</summary>
    public static Similarity3 Identity => new(1, Mat3.Identity, Vec3.Zero);

    /// <summary>Uniform scale s (&gt; 0). A default-constructed value has 0 here and is rejected by consumers.</summary>
    public double Scale { get; }

    /// <summary>Rotation R.</summary>
    public Mat3 Rotation { get; }

    /// <summary>Translation t, in the target frame's units.</summary>
    public Vec3 Translation { get; }

    /// <summary>A pure scaling x' = s·x, e.g. <c>Scaling(1000)</c> for metres → millimetres.</summary>
    public static Similarity3 Scaling(double scale) => new(scale, Mat3.Identity, Vec3.Zero);

    /// <summary>Transforms a point: s·R·p + t.</summary>
    public Vec3 Apply(Vec3 point) => ((Rotation * point) * Scale) + Translation;

    /// <summary>Transforms a direction: R·d (unit length is preserved; the scale is not applied).</summary>
    public Vec3 ApplyToDirection(Vec3 direction) => Rotation * direction;

    /// <summary>The inverse transform: x = (1/s)·Rᵀ·(x' − t).</summary>
    public Similarity3 Inverse()
    {
        var rt = Rotation.Transpose();
        return new Similarity3(1 / Scale, rt, -(rt * Translation) / Scale);
    }

    /// <summary>Composition: (a * b).Apply(p) = a.Apply(b.Apply(p)).</summary>
    public static Similarity3 operator *(Similarity3 a, Similarity3 b) =>
        new(a.Scale * b.Scale, a.Rotation * b.Rotation, ((a.Rotation * b.Translation) * a.Scale) + a.Translation);
}
