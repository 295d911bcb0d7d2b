using Polypose.Core.Options;
using Polypose.Geometry;

namespace Polypose.Synthesis.Detection;

/// <summary>
/// Parameters of the synthetic 2D detector (BODY25 joint order for per-joint lists). Lengths are fractions of the
/// person's apparent height A = fx · 1700 mm / depth, where depth is the camera-space z of the centroid of the twelve
/// limb joints (shoulders, elbows, wrists, hips, knees, ankles): a 1.7 m person's height in pixels at that distance.
/// <see cref="Default"/> holds the values fitted to the OpenPose detections of the Shelf test set by
/// <c>DetectorModelFit</c>; <see cref="Perfect"/> projects ground truth exactly. Every setting is checked when set
/// (an out-of-range model cannot be built): per-joint lists hold 25 values, probabilities lie in [0, 1].
/// </summary>
public sealed partial record DetectorNoiseModel
{
    private const int JointCount = 25;

    /// <summary>
    /// Per joint: standard deviation of the Gaussian jitter on each image axis, fraction of A (25 values), drawn
    /// independently per view (on top of <see cref="JointOffset"/> and <see cref="JointScatter"/>).
    /// </summary>
    public required IReadOnlyList<double> JitterSigma { get; init => field = PerJoint(value, probabilities: false, nameof(JitterSigma)); }

    /// <summary>Per joint: probability that a visible, in-image joint is missed anyway (25 values).</summary>
    public required IReadOnlyList<double> MissProbability { get; init => field = PerJoint(value, probabilities: true, nameof(MissProbability)); }

    /// <summary>
    /// Per joint (25 values, or null for none): the detector's consistent 3D offset from the ground-truth joint, mm, in the
    /// person's body frame (X = the person's left, horizontal from right hip to left hip; Y = forward, X × up; Z = world
    /// up). It models keypoint-convention differences (OpenPose's hips sit about 6 cm above Shelf's annotated hips): every
    /// view sees the same shifted point, so triangulation keeps the offset instead of averaging it away.
    /// </summary>
    public IReadOnlyList<Vec3>? JointOffset { get; init => field = value is null ? null : PerJoint(value, false, nameof(JointOffset)); }

    /// <summary>
    /// Per joint (25 values, or null for none): standard deviation (mm) per body-frame axis (as <see cref="JointOffset"/>)
    /// of a random 3D offset drawn once per person, joint and frame and shared by every view
    /// (<see cref="DetectorSimulator.BeginFrame"/>): the view-consistent part of the localisation error (pose-dependent
    /// convention drift, and on real data the annotation noise of the ground truth).
    /// </summary>
    public IReadOnlyList<Vec3>? JointScatter { get; init => field = value is null ? null : PerJoint(value, true, nameof(JointScatter)); }

    /// <summary>Probability that a joint's error comes from the wide outlier Gaussian instead of its jitter.</summary>
    public double OutlierProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(OutlierProbability)); }

    /// <summary>Standard deviation of the outlier Gaussian per axis, fraction of A.</summary>
    public double OutlierSigma { get; init => field = OptionCheck.NonNegative(value, nameof(OutlierSigma)); }

    /// <summary>Probability that a joint hidden behind a body volume is missed (otherwise it is guessed with extra noise).</summary>
    public double OccludedMissProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(OccludedMissProbability)); }

    /// <summary>Probability that a face joint (nose, eyes, ears) on the far side of the head is missed (not fitted: a prior).</summary>
    public double FacingAwayMissProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(FacingAwayMissProbability)); }

    /// <summary>Jitter multiplier for hidden joints that are still reported.</summary>
    public double OccludedSigmaScale { get; init => field = OptionCheck.NonNegative(value, nameof(OccludedSigmaScale)); } = 1;

    /// <summary>Score of a joint with zero error (before noise).</summary>
    public double ScoreIntercept { get; init; } = 1;

    /// <summary>Score lost per unit of error, with the error as a fraction of A: score = intercept − slope · error/A + noise.</summary>
    public double ScoreSlope { get; init => field = OptionCheck.NonNegative(value, nameof(ScoreSlope)); }

    /// <summary>Standard deviation of the score noise.</summary>
    public double ScoreNoise { get; init => field = OptionCheck.NonNegative(value, nameof(ScoreNoise)); }

    /// <summary>Smallest reported score (the detector's threshold; OpenPose's Shelf files use 0.15).</summary>
    public double ScoreMin { get; init => field = OptionCheck.InRange(OptionCheck.Positive(value, nameof(ScoreMin)), 0, 2, nameof(ScoreMin)); } = 0.15;

    /// <summary>Largest reported score.</summary>
    public double ScoreMax { get; init => field = OptionCheck.InRange(OptionCheck.Positive(value, nameof(ScoreMax)), 0, 2, nameof(ScoreMax)); } = 1;

    /// <summary>Score multiplier for hidden joints that are still reported.</summary>
    public double OccludedScoreFactor { get; init => field = OptionCheck.NonNegative(value, nameof(OccludedScoreFactor)); } = 1;

    /// <summary>Probability that a detected person's left and right sides are swapped.</summary>
    public double SwapProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(SwapProbability)); }

    /// <summary>Probability that a detected person is truncated (loses the legs, or the head and arms).</summary>
    public double TruncationProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(TruncationProbability)); }

    /// <summary>Probability that two detections whose boxes overlap by at least <see cref="MergeOverlap"/> are merged into one.</summary>
    public double MergeProbability { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(MergeProbability)); }

    /// <summary>Intersection-over-union of two persons' boxes above which they may be merged.</summary>
    public double MergeOverlap { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(MergeOverlap)); } = 0.3;

    /// <summary>Mean number of false-positive persons per view and frame (Poisson).</summary>
    public double FalsePositivesPerView { get; init => field = OptionCheck.NonNegative(value, nameof(FalsePositivesPerView)); }

    /// <summary>Mean score of false-positive joints.</summary>
    public double FalsePositiveScore { get; init => field = OptionCheck.InRange(value, 0, 1, nameof(FalsePositiveScore)); } = 0.35;

    /// <summary>Detections with fewer joints than this are dropped.</summary>
    public int MinJoints { get; init => field = OptionCheck.InRange(value, 1, 25, nameof(MinJoints)); } = 3;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming both when <see cref="ScoreMin"/> exceeds <see cref="ScoreMax"/> (the
    /// pair is checked where it is used: <see cref="DetectorSimulator"/>'s constructor).
    /// </summary>
    internal void ThrowUnlessScoreRangeOrdered()
    {
        if (ScoreMin > ScoreMax)
        {
            throw new ArgumentException($"scores need ScoreMin <= ScoreMax; got ScoreMin={ScoreMin}, ScoreMax={ScoreMax}");
        }
    }

    private static IReadOnlyList<double> PerJoint(IReadOnlyList<double> values, bool probabilities, string name)
    {
        OptionCheck.InRange(OptionCheck.NotNull(values, name).Count, JointCount, JointCount, name + ".Count");
        for (var j = 0; j < values.Count; j++)
        {
            _ = probabilities ? OptionCheck.InRange(values[j], 0, 1, $"{name}[{j}]") : OptionCheck.NonNegative(values[j], $"{name}[{j}]");
        }

        return values;
    }

    private static IReadOnlyList<Vec3> PerJoint(IReadOnlyList<Vec3> values, bool nonNegative, string name)
    {
        OptionCheck.InRange(values.Count, JointCount, JointCount, name + ".Count");
        for (var j = 0; j < values.Count; j++)
        {
            var v = values[j];
            if (!v.IsFinite || (nonNegative && (v.X < 0 || v.Y < 0 || v.Z < 0)))
            {
                throw new ArgumentOutOfRangeException($"{name}[{j}]", v, nonNegative ? "must be finite with components >= 0" : "must be finite");
            }
        }

        return values;
    }
}
