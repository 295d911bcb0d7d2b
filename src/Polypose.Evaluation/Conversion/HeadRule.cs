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
/// <item>bottom_head = B + <see cref="BottomBlend"/>·(H − B); top_head = bottom_head + <see cref="TopUp"/>·u +
/// <see cref="TopForward"/>·f (a fixed head vector, so the noisy ear/eye/nose estimate enters top_head damped).</item>
/// </list>
/// <para>Calibration of <see cref="Default"/> (once, one global set, all actors pooled; no per-actor constant): the
/// BODY25 nose, neck, eyes, ears and shoulders of the Shelf detection files (frames 300–600) were triangulated per GT
/// actor instance (510 instances, detections gated around the projected GT head). <see cref="EyeDepth"/>,
/// <see cref="NoseDepth"/>, <see cref="NoseDrop"/> and <see cref="FallbackHeadHeight"/> are least-squares means of the
/// triangulated face geometry; <see cref="BottomBlend"/>, <see cref="TopUp"/> and <see cref="TopForward"/> maximise the
/// pooled head-part PCP (α = 0.5) against the GT bottom/top head over BODY25, COCO17 and Panoptic15 inputs (grid
/// 0.05 / 5 mm). In-sample head PCP: 96.1% for BODY25, Skel19 and Panoptic15 inputs (491 instances), 96.0% for COCO17
/// (453), 85.1% from shoulders and neck alone; 97.4% where 4D Association's fixed-offset rule applies (382 instances,
/// that rule: 97.6%); DisPOSE's Campus rule reaches 80.1% on the same data.</para>
/// </summary>
public sealed record HeadRule
{
    /// <summary>The calibrated default rule (constants in mm; see the property docs for how each was obtained).</summary>
    public static HeadRule Default { get; } = new();

    /// <summary>The world up direction (unit; default +z, the z-up world of every Polypose dataset).</summary>
    public Vec3 Up { get; init; } = Vec3.UnitZ;

    /// <summary>Eye-centre depth in front of the ear centre along f (mm), used when the ears are missing.</summary>
    public double EyeDepth { get; init; } = 106;

    /// <summary>Nose depth in front of the ear centre along f (mm), used when ears and eyes are missing.</summary>
    public double NoseDepth { get; init; } = 133;

    /// <summary>How far the nose sits below the ear centre along u (mm), used when ears and eyes are missing.</summary>
    public double NoseDrop { get; init; } = 22;

    /// <summary>Height of the head centre above the base when no face joint exists (mm).</summary>
    public double FallbackHeadHeight { get; init; } = 196;

    /// <summary>Fraction of the way from the base B to the head centre H at which bottom_head lies (dimensionless).</summary>
    public double BottomBlend { get; init; } = 0.5;

    /// <summary>Offset of top_head above bottom_head along u (mm).</summary>
    public double TopUp { get; init; } = 165;

    /// <summary>Offset of top_head from bottom_head along the face direction f (mm; negative = backwards).</summary>
    public double TopForward { get; init; } = 110;

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

        var unused = double.PositiveInfinity;
        var hasEars = joints.TryMean("left_ear", "right_ear", ref unused, out var ears);
        var hasEyes = joints.TryMean("left_eye", "right_eye", ref unused, out var eyes);
        var hasNose = joints.TryGet("nose", ref unused, out var nose);

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
        topHead = bottomHead + (u * TopUp) + (f * TopForward);
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
