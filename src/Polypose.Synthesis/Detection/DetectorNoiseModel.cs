using Polypose.Geometry;

namespace Polypose.Synthesis.Detection;

/// <summary>
/// Parameters of the synthetic 2D detector (BODY25 joint order for per-joint lists). Lengths are fractions of the
/// person's apparent height A = fx · 1700 mm / depth, where depth is the camera-space z of the centroid of the twelve
/// limb joints (shoulders, elbows, wrists, hips, knees, ankles): a 1.7 m person's height in pixels at that distance.
/// <see cref="Default"/> holds the values fitted to the OpenPose detections of the Shelf test set by
/// <c>DetectorModelFit</c>; <see cref="Perfect"/> projects ground truth exactly.
/// </summary>
public sealed partial record DetectorNoiseModel
{
    /// <summary>
    /// Per joint: standard deviation of the Gaussian jitter on each image axis, fraction of A (25 values), drawn
    /// independently per view (on top of <see cref="JointOffset"/> and <see cref="JointScatter"/>).
    /// </summary>
    public required IReadOnlyList<double> JitterSigma { get; init; }

    /// <summary>Per joint: probability that a visible, in-image joint is missed anyway (25 values).</summary>
    public required IReadOnlyList<double> MissProbability { get; init; }

    /// <summary>
    /// Per joint (25 values, or null for none): the detector's consistent 3D offset from the ground-truth joint, mm, in the
    /// person's body frame (X = the person's left, horizontal from right hip to left hip; Y = forward, X × up; Z = world
    /// up). It models keypoint-convention differences (OpenPose's hips sit about 6 cm above Shelf's annotated hips): every
    /// view sees the same shifted point, so triangulation keeps the offset instead of averaging it away.
    /// </summary>
    public IReadOnlyList<Vec3>? JointOffset { get; init; }

    /// <summary>
    /// Per joint (25 values, or null for none): standard deviation (mm) per body-frame axis (as <see cref="JointOffset"/>)
    /// of a random 3D offset drawn once per person, joint and frame and shared by every view
    /// (<see cref="DetectorSimulator.BeginFrame"/>): the view-consistent part of the localisation error (pose-dependent
    /// convention drift, and on real data the annotation noise of the ground truth).
    /// </summary>
    public IReadOnlyList<Vec3>? JointScatter { get; init; }

    /// <summary>Probability that a joint's error comes from the wide outlier Gaussian instead of its jitter.</summary>
    public double OutlierProbability { get; init; }

    /// <summary>Standard deviation of the outlier Gaussian per axis, fraction of A.</summary>
    public double OutlierSigma { get; init; }

    /// <summary>Probability that a joint hidden behind a body volume is missed (otherwise it is guessed with extra noise).</summary>
    public double OccludedMissProbability { get; init; }

    /// <summary>Probability that a face joint (nose, eyes, ears) on the far side of the head is missed (not fitted: a prior).</summary>
    public double FacingAwayMissProbability { get; init; }

    /// <summary>Jitter multiplier for hidden joints that are still reported.</summary>
    public double OccludedSigmaScale { get; init; } = 1;

    /// <summary>Score of a joint with zero error (before noise).</summary>
    public double ScoreIntercept { get; init; } = 1;

    /// <summary>Score lost per unit of error, with the error as a fraction of A: score = intercept − slope · error/A + noise.</summary>
    public double ScoreSlope { get; init; }

    /// <summary>Standard deviation of the score noise.</summary>
    public double ScoreNoise { get; init; }

    /// <summary>Smallest reported score (the detector's threshold; OpenPose's Shelf files use 0.15).</summary>
    public double ScoreMin { get; init; } = 0.15;

    /// <summary>Largest reported score.</summary>
    public double ScoreMax { get; init; } = 1;

    /// <summary>Score multiplier for hidden joints that are still reported.</summary>
    public double OccludedScoreFactor { get; init; } = 1;

    /// <summary>Probability that a detected person's left and right sides are swapped.</summary>
    public double SwapProbability { get; init; }

    /// <summary>Probability that a detected person is truncated (loses the legs, or the head and arms).</summary>
    public double TruncationProbability { get; init; }

    /// <summary>Probability that two detections whose boxes overlap by at least <see cref="MergeOverlap"/> are merged into one.</summary>
    public double MergeProbability { get; init; }

    /// <summary>Intersection-over-union of two persons' boxes above which they may be merged.</summary>
    public double MergeOverlap { get; init; } = 0.3;

    /// <summary>Mean number of false-positive persons per view and frame (Poisson).</summary>
    public double FalsePositivesPerView { get; init; }

    /// <summary>Mean score of false-positive joints.</summary>
    public double FalsePositiveScore { get; init; } = 0.35;

    /// <summary>Detections with fewer joints than this are dropped.</summary>
    public int MinJoints { get; init; } = 3;

    /// <summary>
    /// Checks every parameter; throws <see cref="ArgumentException"/> naming the first bad one (expected range and value).
    /// </summary>
    public void Validate()
    {
        if (JitterSigma is null || JitterSigma.Count != 25 || JitterSigma.Any(v => !(v >= 0) || !double.IsFinite(v)))
        {
            throw new ArgumentException("JitterSigma must hold 25 finite values >= 0 (BODY25 order)");
        }

        if (MissProbability is null || MissProbability.Count != 25 || MissProbability.Any(v => !(v >= 0 && v <= 1)))
        {
            throw new ArgumentException("MissProbability must hold 25 probabilities in [0, 1] (BODY25 order)");
        }

        if (JointOffset is not null && (JointOffset.Count != 25 || JointOffset.Any(v => !v.IsFinite)))
        {
            throw new ArgumentException($"JointOffset must be null or hold 25 finite vectors (BODY25 order); got {JointOffset.Count}");
        }

        if (JointScatter is not null && (JointScatter.Count != 25 || JointScatter.Any(v => !v.IsFinite || v.X < 0 || v.Y < 0 || v.Z < 0)))
        {
            throw new ArgumentException($"JointScatter must be null or hold 25 finite vectors with components >= 0 (BODY25 order); got {JointScatter.Count}");
        }

        Probability(OutlierProbability, nameof(OutlierProbability));
        Probability(OccludedMissProbability, nameof(OccludedMissProbability));
        Probability(FacingAwayMissProbability, nameof(FacingAwayMissProbability));
        Probability(SwapProbability, nameof(SwapProbability));
        Probability(TruncationProbability, nameof(TruncationProbability));
        Probability(MergeProbability, nameof(MergeProbability));
        Probability(MergeOverlap, nameof(MergeOverlap));
        NonNegative(OutlierSigma, nameof(OutlierSigma));
        NonNegative(OccludedSigmaScale, nameof(OccludedSigmaScale));
        NonNegative(ScoreSlope, nameof(ScoreSlope));
        NonNegative(ScoreNoise, nameof(ScoreNoise));
        NonNegative(OccludedScoreFactor, nameof(OccludedScoreFactor));
        NonNegative(FalsePositivesPerView, nameof(FalsePositivesPerView));
        Probability(FalsePositiveScore, nameof(FalsePositiveScore));
        if (!(ScoreMin > 0 && ScoreMin <= ScoreMax && ScoreMax <= 2))
        {
            throw new ArgumentException($"scores need 0 < ScoreMin <= ScoreMax <= 2; got ScoreMin={ScoreMin}, ScoreMax={ScoreMax}");
        }

        if (MinJoints is < 1 or > 25)
        {
            throw new ArgumentException($"MinJoints must be 1-25; got {MinJoints}");
        }
    }

    private static void Probability(double v, string name)
    {
        if (!(v >= 0 && v <= 1))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1]; got {v}");
        }
    }

    private static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || !double.IsFinite(v))
        {
            throw new ArgumentException($"{name} must be finite and >= 0; got {v}");
        }
    }
}
