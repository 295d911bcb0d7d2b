using Polypose.Geometry;

namespace Polypose.Evaluation.Functional;

/// <summary>A similarity transform x ↦ Scale·Rotation·x + Translation (millimetres; Rotation proper, det = +1).</summary>
public readonly record struct SimilarityTransform(Mat3 Rotation, double Scale, Vec3 Translation)
{
    /// <summary>The identity transform.</summary>
    public static SimilarityTransform Identity => new(Mat3.Identity, 1, Vec3.Zero);

    /// <summary>Applies the transform to a point.</summary>
    public Vec3 Apply(Vec3 x) => (Rotation * x * Scale) + Translation;
}
