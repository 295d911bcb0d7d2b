namespace Polypose.Association;

/// <summary>
/// Settings of <see cref="CrossViewAssociator"/>. Defaults follow the COMPOSE configuration DisPOSE uses for Shelf and
/// Panoptic (dispose.md §7.3) where it is known, and values tuned on Shelf otherwise.
/// <para>
/// Selection objective (maximised exactly): every selected multi-view hyperedge e with m_e member detections and
/// geometric cue z_e ∈ (0, 1] earns m_e·z_e − <see cref="EdgePenalty"/> − <see cref="MissingViewPenalty"/>·missing_e; every detection left alone earns
/// <see cref="SingletonScore"/> − <see cref="EdgePenalty"/>. The penalty λ is charged once per hypothesised person, so
/// it favours explaining detections with fewer people; z_e rewards geometric agreement. The cue is
/// z_e = exp(−<see cref="CueLambda"/>·d_e/ν_e), d_e the score-weighted mean squared reprojection error (px²) of the
/// edge's per-joint multi-view triangulation, ν_e = max(1, (m_e − 1)^(V − 1)).
/// </para>
/// </summary>
public sealed record AssociationOptions
{
    /// <summary>A 2D joint takes part in geometric checks when its score is at least this (COMPOSE: 0.3).</summary>
    public double JointScoreThreshold { get; init; } = 0.3;

    /// <summary>A detection pair needs at least this many shared joints above the score threshold to be compatible.</summary>
    public int MinCommonJoints { get; init; } = 3;

    /// <summary>The quantity the two-view pre-filter thresholds.</summary>
    public PairwiseMetric PairwiseMetric { get; init; } = PairwiseMetric.Reprojection;

    /// <summary>Two-view compatibility bound for <see cref="PairwiseMetric.Reprojection"/>, in px² (mean squared error).</summary>
    public double PairwiseMaxReprojectionSq { get; init; } = 1024;

    /// <summary>Two-view compatibility bound for <see cref="PairwiseMetric.RayDistance"/>, in mm.</summary>
    public double PairwiseMaxRayDistance { get; init; } = 120;

    /// <summary>Multi-view hyperedges whose mean squared reprojection error exceeds this (px²) are dropped (COMPOSE: 1024 on Shelf).</summary>
    public double HyperedgeMaxReprojectionSq { get; init; } = 1024;

    /// <summary>λ of the reprojection cue z = exp(−λ·d/ν) (DisPOSE: 0.01).</summary>
    public double CueLambda { get; init; } = 0.01;

    /// <summary>Score of a detection explained by nobody else (COMPOSE <c>single_hedge_score</c>: 1.0).</summary>
    public double SingletonScore { get; init; } = 1.0;

    /// <summary>Penalty λ charged per selected edge, singletons included (COMPOSE <c>lam</c>: 2.5).</summary>
    public double EdgePenalty { get; init; } = 2.5;

    /// <summary>
    /// Penalty μ per view that has no member although the candidate's triangulated person projects (mostly) inside
    /// its image: the edge weight becomes m_e·z_e − λ − μ·missing_e. 0 disables this negative evidence.
    /// </summary>
    public double MissingViewPenalty { get; init; } = 1;

    /// <summary>Detections whose mean score over present joints is below this are ignored entirely.</summary>
    public double MinDetectionScore { get; init; } = 0.0;

    /// <summary>Detections with fewer joints above <see cref="JointScoreThreshold"/> are ignored entirely.</summary>
    public int MinDetectionJoints { get; init; } = 3;

    /// <summary>
    /// Anatomical gate: a candidate (pair or hyperedge) whose triangulated skeleton has more than this fraction of its
    /// tabulated bones outside mean ± <see cref="AnatomySigma"/>·sd is rejected (1 disables the gate). Rejects
    /// epipolar-consistent but wrongly scaled matches between different people.
    /// </summary>
    public double MaxImplausibleBoneFraction { get; init; } = 0.25;

    /// <summary>The k of the anatomical gate's mean ± k·sd bone-length interval.</summary>
    public double AnatomySigma { get; init; } = 3.5;

    /// <summary>
    /// Safety cap on enumerated candidate hyperedges per frame; enumeration stops there (selection stays exact over the
    /// candidates found). Never reached with a handful of people per view.
    /// </summary>
    public int MaxHyperedges { get; init; } = 200_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Positive(JointScoreThreshold, nameof(JointScoreThreshold), allowZero: true);
        Positive(PairwiseMaxReprojectionSq, nameof(PairwiseMaxReprojectionSq));
        Positive(PairwiseMaxRayDistance, nameof(PairwiseMaxRayDistance));
        Positive(HyperedgeMaxReprojectionSq, nameof(HyperedgeMaxReprojectionSq));
        Positive(CueLambda, nameof(CueLambda), allowZero: true);
        Positive(MinDetectionScore, nameof(MinDetectionScore), allowZero: true);
        Positive(MaxImplausibleBoneFraction, nameof(MaxImplausibleBoneFraction), allowZero: true);
        Positive(AnatomySigma, nameof(AnatomySigma));
        Positive(MissingViewPenalty, nameof(MissingViewPenalty), allowZero: true);
        if (!double.IsFinite(SingletonScore) || !double.IsFinite(EdgePenalty))
        {
            throw new ArgumentOutOfRangeException(nameof(SingletonScore), "singleton score and edge penalty must be finite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinCommonJoints, 1, nameof(MinCommonJoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDetectionJoints, 1, nameof(MinDetectionJoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHyperedges, 1, nameof(MaxHyperedges));
    }

    private static void Positive(double value, string name, bool allowZero = false)
    {
        if (!double.IsFinite(value) || value < 0 || (!allowZero && value == 0))
        {
            throw new ArgumentOutOfRangeException(name, value, allowZero ? "must be finite and ≥ 0" : "must be finite and > 0");
        }
    }
}
