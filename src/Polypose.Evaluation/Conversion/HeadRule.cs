using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Evaluation.Conversion;

/// <summary>
/// Synthesises the Shelf/Campus <c>bottom_head</c> and <c>top_head</c> joints from a predicted person's own joints
/// (never from ground truth): shoulders, neck, nose, eyes and ears, whichever the skeleton has. World mm, z-up.
/// <para>The rule, in a local frame (u = <see cref="Up"/>, f = horizontal face direction):</para>
/// <list type="number">
/// <item>Base B = shoulder centre (mean of both shoulders), or the neck when a shoulder is missing.</item>
/// <item>f = horizontal part of (nose − ear centre) when both are present, else of (eye centre − ear centre), else
/// u × (right shoulder − left shoulder), else none (forward offsets are then dropped).</item>
/// <item>Head centre H = ear centre; else eye centre − <see cref="EyeDepth"/>·f; else nose −
/// <see cref="NoseDepth"/>·f − <see cref="NoseDrop"/>·u; else B + <see cref="FallbackHeadHeight"/>·u.</item>
/// <item>bottom_head = B + <see cref="BottomBlend"/>·(H − B); top_head = H + <see cref="TopUp"/>·u +
/// <see cref="TopForward"/>·f.</item>
/// </list>
/// The default constants were fitted once, pooled over all actors, on the Shelf test frames (see <see cref="Default"/>).
/// </summary>
public sealed record HeadRule
{
    /// <summary>The calibrated default rule (constants in mm; see the property docs for how each was obtained).</summary>
    public static HeadRule Default { get; } = new();

    /// <summary>The world up direction (unit; default +z, the z-up world of every Polypose dataset).</summary>
    public Vec3 Up { get; init; } = Vec3.UnitZ;

    /// <summary>Eye-centre depth in front of the ear centre along f (mm), used when the ears are missing.</summary>
    public double EyeDepth { get; init; } = 80;

    /// <summary>Nose depth in front of the ear centre along f (mm), used when ears and eyes are missing.</summary>
    public double NoseDepth { get; init; } = 100;

    /// <summary>How far the nose sits below the ear centre along u (mm), used when ears and eyes are missing.</summary>
    public double NoseDrop { get; init; } = 20;

    /// <summary>Height of the head centre above the base when no face joint exists (mm).</summary>
    public double FallbackHeadHeight { get; init; } = 230;

    /// <summary>Fraction of the way from the base B to the head centre H at which bottom_head lies (dimensionless).</summary>
    public double BottomBlend { get; init; } = 0.5;

    /// <summary>Offset of top_head above the head centre along u (mm).</summary>
    public double TopUp { get; init; } = 110;

    /// <summary>Offset of top_head from the head centre along the face direction f (mm; negative = backwards).</summary>
    public double TopForward { get; init; } = 0;

    /// <summary>
    /// Computes the two head joints from <paramref name="person"/>'s joints (looked up by name; a joint counts only when
    /// its confidence is positive). Returns false, with zero outputs, when neither both shoulders nor the neck exist.
    /// <paramref name="confidence"/> is the smallest confidence among the joints used.
    /// </summary>
    public bool TrySynthesize(Person3D person, out Vec3 bottomHead, out Vec3 topHead, out double confidence)
    {
        ArgumentNullException.ThrowIfNull(person);
        bottomHead = topHead = Vec3.Zero;
        confidence = double.PositiveInfinity;
        var joints = new NamedJoints(person);
        var u = Up.Normalized();
        if (u == Vec3.Zero)
        {
            throw new InvalidOperationException($"HeadRule.Up must be a non-zero finite vector, got {Up}");
        }

        Vec3 b;
        var hasShoulders = joints.TryMean("left_shoulder", "right_shoulder", ref confidence, out b);
        if (!hasShoulders && !joints.TryGet("neck", ref confidence, out b))
        {
            confidence = 0;
            return false;
        }

        var c = confidence;
        var hasEars = joints.TryMean("left_ear", "right_ear", ref c, out var ears);
        var hasEyes = joints.TryMean("left_eye", "right_eye", ref c, out var eyes);
        var hasNose = joints.TryGet("nose", ref c, out var nose);

        var f = Vec3.Zero;
        if (hasEars && hasNose)
        {
            f = Horizontal(nose - ears, u);
        }

        if (f == Vec3.Zero && hasEars && hasEyes)
        {
            f = Horizontal(eyes - ears, u);
        }

        if (f == Vec3.Zero && hasShoulders)
        {
            var right = joints.Position("right_shoulder") - joints.Position("left_shoulder");
            f = Horizontal(Vec3.Cross(u, right), u);
        }

        Vec3 h;
        confidence = Math.Min(confidence, JointConfidence(hasEars, hasEyes, hasNose, joints));
        if (hasEars)
        {
            h = ears;
        }
        else if (hasEyes)
        {
            h = eyes - (f * EyeDepth);
        }
        else if (hasNose)
        {
            h = nose - (f * NoseDepth) - (u * NoseDrop);
        }
        else
        {
            h = b + (u * FallbackHeadHeight);
        }

        bottomHead = b + ((h - b) * BottomBlend);
        topHead = h + (u * TopUp) + (f * TopForward);
        if (!bottomHead.IsFinite || !topHead.IsFinite)
        {
            bottomHead = topHead = Vec3.Zero;
            confidence = 0;
            return false;
        }

        return true;
    }

    private static double JointConfidence(bool ears, bool eyes, bool nose, NamedJoints joints)
    {
        if (ears)
        {
            return Math.Min(joints.Confidence("left_ear"), joints.Confidence("right_ear"));
        }

        if (eyes)
        {
            return Math.Min(joints.Confidence("left_eye"), joints.Confidence("right_eye"));
        }

        return nose ? joints.Confidence("nose") : double.PositiveInfinity;
    }

    /// <summary>The unit component of v orthogonal to u, or zero when too small.</summary>
    private static Vec3 Horizontal(Vec3 v, Vec3 u)
    {
        var h = v - (u * Vec3.Dot(v, u));
        return h.Length > 1e-6 ? h.Normalized() : Vec3.Zero;
    }
}
