using Polypose.Association.Candidates;
using Polypose.Core.Options;

namespace Polypose.Association;

/// <summary>
/// Settings of cross-view association: the candidate hypergraph (<see cref="CandidateHypergraphBuilder"/>: node
/// filters, two-view pre-filter, hyperedge gate and cue, singleton rule) and its exact selection
/// (<see cref="Selection.ExactHyperedgeSelector"/>: <see cref="SingletonScore"/>, <see cref="EdgePenalty"/>,
/// <see cref="MissingViewPenalty"/>). The bone-length prior of the anatomical gate is not here: it is the
/// <see cref="Core.Anatomy.BonePriorOptions"/> shared with reconstruction. Defaults follow the COMPOSE configuration
/// DisPOSE uses for Shelf and Panoptic (dispose.md §7.3) where it is known, and values tuned on Shelf otherwise.
/// Every value is checked on init: an out-of-range options object cannot be constructed.
/// <para>
/// Selection objective (maximised exactly): every selected multi-view hyperedge e with m_e member detections and
/// geometric cue z_e ∈ (0, 1] earns m_e·z_e − <see cref="EdgePenalty"/> − <see cref="MissingViewPenalty"/>·missing_e; every detection left alone earns
/// <see cref="SingletonScore"/> − <see cref="EdgePenalty"/>. The penalty λ is charged once per hypothesised person, so
/// it favours explaining detections with fewer people; z_e rewards geometric agreement. The cue is
/// z_e = exp(−<see cref="CueLambda"/>·d_e/ν_e), d_e the score-weighted mean squared reprojection error (px²) of the
/// edge's per-joint multi-view triangulation, ν_e given by <see cref="CueNormaliser"/> (default max(1, (m_e − 1)^(V − 1))).
/// </para>
/// </summary>
public sealed record AssociationOptions
{
    private readonly double _jointScoreThreshold = 0.3;
    private readonly int _minCommonJoints = 3;
    private readonly PairwiseMetric _pairwiseMetric = PairwiseMetric.Reprojection;
    private readonly double _pairwiseMaxReprojectionSq = 1024;
    private readonly double _pairwiseMaxRayDistance = 120;
    private readonly double _hyperedgeMaxReprojectionSq = 1024;
    private readonly double _cueLambda = 0.01;
    private readonly CueNormaliser _cueNormaliser = CueNormaliser.MembersPowerViews;
    private readonly double _singletonCue = 0.3;
    private readonly double _singletonScore = 1.0;
    private readonly double _edgePenalty = 2.5;
    private readonly double _missingViewPenalty = 1;
    private readonly double _minDetectionScore;
    private readonly int _minDetectionJoints = 3;
    private readonly double _maxImplausibleBoneFraction = 0.25;
    private readonly int _maxHyperedges = 200_000;
    private readonly double _duplicateDistanceFraction = 0.1;
    private readonly int _maxDetectionsPerView = 64;
    private readonly int _maxNodes = 1024;
    private readonly int _maxPartnersPerView = 4;
    private readonly int _maxEdgesPerDetection = 64;
    private readonly int _searchNodeBudget = 50_000;
    private readonly int _maxExhaustiveTuples = 4096;
    private readonly int _maxSkippedViews = 2;
    private readonly int _crowdNodeCount = 64;

    /// <summary>A 2D joint takes part in geometric checks when its score is at least this (COMPOSE: 0.3). Finite, ≥ 0.</summary>
    public double JointScoreThreshold
    {
        get => _jointScoreThreshold;
        init => _jointScoreThreshold = OptionCheck.NonNegative(value, nameof(JointScoreThreshold));
    }

    /// <summary>A detection pair needs at least this many shared joints above the score threshold to be compatible (≥ 1).</summary>
    public int MinCommonJoints
    {
        get => _minCommonJoints;
        init => _minCommonJoints = OptionCheck.AtLeast(value, 1, nameof(MinCommonJoints));
    }

    /// <summary>The quantity the two-view pre-filter thresholds.</summary>
    public PairwiseMetric PairwiseMetric
    {
        get => _pairwiseMetric;
        init => _pairwiseMetric = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(PairwiseMetric), value, "must be a defined PairwiseMetric");
    }

    /// <summary>Two-view compatibility bound for <see cref="PairwiseMetric.Reprojection"/>, in px² (mean squared error). Finite, &gt; 0.</summary>
    public double PairwiseMaxReprojectionSq
    {
        get => _pairwiseMaxReprojectionSq;
        init => _pairwiseMaxReprojectionSq = OptionCheck.Positive(value, nameof(PairwiseMaxReprojectionSq));
    }

    /// <summary>Two-view compatibility bound for <see cref="PairwiseMetric.RayDistance"/>, in mm. Finite, &gt; 0.</summary>
    public double PairwiseMaxRayDistance
    {
        get => _pairwiseMaxRayDistance;
        init => _pairwiseMaxRayDistance = OptionCheck.Positive(value, nameof(PairwiseMaxRayDistance));
    }

    /// <summary>
    /// Multi-view hyperedges whose mean squared reprojection error (px²) exceeds this, or one of whose members alone
    /// exceeds it, are dropped (COMPOSE: 1024 on Shelf). Finite, &gt; 0.
    /// </summary>
    public double HyperedgeMaxReprojectionSq
    {
        get => _hyperedgeMaxReprojectionSq;
        init => _hyperedgeMaxReprojectionSq = OptionCheck.Positive(value, nameof(HyperedgeMaxReprojectionSq));
    }

    /// <summary>λ of the reprojection cue z = exp(−λ·d/ν) (DisPOSE: 0.01). Finite, ≥ 0.</summary>
    public double CueLambda
    {
        get => _cueLambda;
        init => _cueLambda = OptionCheck.NonNegative(value, nameof(CueLambda));
    }

    /// <summary>The ν of the reprojection cue (default <see cref="CueNormaliser.MembersPowerViews"/>, as COMPOSE and DisPOSE).</summary>
    public CueNormaliser CueNormaliser
    {
        get => _cueNormaliser;
        init => _cueNormaliser = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(CueNormaliser), value, "must be a defined CueNormaliser");
    }

    /// <summary>
    /// The singleton rule of the candidate hypergraph: when true, every node also gets a one-member edge (listed after
    /// the multi-view edges, cue <see cref="SingletonCue"/>), as DisPOSE Stage I expects (§3.2: singletons are always
    /// kept). The exact selection ignores listed singletons: it scores a detection left alone with
    /// <see cref="SingletonScore"/> either way, so this setting does not change the association.
    /// </summary>
    public bool ListSingletons { get; init; }

    /// <summary>The cue of a listed singleton edge (DisPOSE: 0.3). In [0, 1].</summary>
    public double SingletonCue
    {
        get => _singletonCue;
        init => _singletonCue = OptionCheck.InRange(value, 0, 1, nameof(SingletonCue));
    }

    /// <summary>Selection score of a detection explained by nobody else (COMPOSE <c>single_hedge_score</c>: 1.0). Finite.</summary>
    public double SingletonScore
    {
        get => _singletonScore;
        init => _singletonScore = OptionCheck.Finite(value, nameof(SingletonScore));
    }

    /// <summary>Penalty λ charged per selected edge, singletons included (COMPOSE <c>lam</c>: 2.5). Finite.</summary>
    public double EdgePenalty
    {
        get => _edgePenalty;
        init => _edgePenalty = OptionCheck.Finite(value, nameof(EdgePenalty));
    }

    /// <summary>
    /// Penalty μ per view that has no member although the candidate's triangulated person projects (mostly) inside
    /// its image (<see cref="CandidateHypergraph.MissingViews"/>): the edge weight becomes m_e·z_e − λ − μ·missing_e. 0
    /// disables this negative evidence. Finite, ≥ 0.
    /// </summary>
    public double MissingViewPenalty
    {
        get => _missingViewPenalty;
        init => _missingViewPenalty = OptionCheck.NonNegative(value, nameof(MissingViewPenalty));
    }

    /// <summary>Detections whose mean score over present joints is below this are ignored entirely. Finite, ≥ 0.</summary>
    public double MinDetectionScore
    {
        get => _minDetectionScore;
        init => _minDetectionScore = OptionCheck.NonNegative(value, nameof(MinDetectionScore));
    }

    /// <summary>Detections with fewer joints above <see cref="JointScoreThreshold"/> are ignored entirely (≥ 1).</summary>
    public int MinDetectionJoints
    {
        get => _minDetectionJoints;
        init => _minDetectionJoints = OptionCheck.AtLeast(value, 1, nameof(MinDetectionJoints));
    }

    /// <summary>
    /// Anatomical gate: a candidate (pair or hyperedge) whose triangulated skeleton has more than this fraction of its
    /// tabulated bones implausible under the shared <see cref="Core.Anatomy.BonePriorOptions"/> is rejected (≥ 1
    /// disables the gate). Rejects epipolar-consistent but wrongly scaled matches between different people. Finite, ≥ 0.
    /// </summary>
    public double MaxImplausibleBoneFraction
    {
        get => _maxImplausibleBoneFraction;
        init => _maxImplausibleBoneFraction = OptionCheck.NonNegative(value, nameof(MaxImplausibleBoneFraction));
    }

    /// <summary>
    /// Safety cap on enumerated multi-view candidate hyperedges per frame; enumeration stops there (selection stays
    /// exact over the candidates found). Never reached with a handful of people per view. ≥ 1.
    /// </summary>
    public int MaxHyperedges
    {
        get => _maxHyperedges;
        init => _maxHyperedges = OptionCheck.AtLeast(value, 1, nameof(MaxHyperedges));
    }
    /// <summary>
    /// Near-duplicate detections within a view (the same person detected twice): two detections whose mean pixel
    /// distance over their shared usable joints is below this fraction of the person's size (the diagonal of the
    /// bounding box of the higher-scored detection's usable joints, px) are duplicates, and only the one with the
    /// higher mean joint score takes part (ties: the lower detection index). 0 disables deduplication. Finite, ≥ 0.
    /// </summary>
    public double DuplicateDistanceFraction
    {
        get => _duplicateDistanceFraction;
        init => _duplicateDistanceFraction = OptionCheck.NonNegative(value, nameof(DuplicateDistanceFraction));
    }

    /// <summary>
    /// At most this many detections per view take part (after deduplication), the highest mean joint scores first;
    /// the others are left out of the frame (<see cref="AssociationResult.DetectionsLeftOut"/>). Bounds the pairwise
    /// step, which is quadratic in the nodes. ≥ 1.
    /// </summary>
    public int MaxDetectionsPerView
    {
        get => _maxDetectionsPerView;
        init => _maxDetectionsPerView = OptionCheck.AtLeast(value, 1, nameof(MaxDetectionsPerView));
    }

    /// <summary>
    /// At most this many detections take part in one frame over all views: with many views the per-view limit becomes
    /// max(1, MaxNodes / views with detections) when that is smaller than <see cref="MaxDetectionsPerView"/>. The
    /// pair tables hold MaxNodes² entries, hence the upper limit. In [2, 16384].
    /// </summary>
    public int MaxNodes
    {
        get => _maxNodes;
        init => _maxNodes = OptionCheck.InRange(value, 2, 16_384, nameof(MaxNodes));
    }

    /// <summary>
    /// Pair pruning (crowded frames only, see <see cref="CrowdNodeCount"/>): a compatible pair (a, b) stays compatible only when b is among the this-many lowest-error
    /// compatible partners of a in b's view and a among those of b in a's view. Bounds the candidate search in crowds. ≥ 1.
    /// </summary>
    public int MaxPartnersPerView
    {
        get => _maxPartnersPerView;
        init => _maxPartnersPerView = OptionCheck.AtLeast(value, 1, nameof(MaxPartnersPerView));
    }

    /// <summary>
    /// Hyperedge pruning (crowded frames only, see <see cref="CrowdNodeCount"/>): a multi-view candidate is kept only when it is among the this-many best candidates of at
    /// least one of its member detections, ranked by selection weight m·z − μ·missing (ties: lower index). ≥ 1.
    /// </summary>
    public int MaxEdgesPerDetection
    {
        get => _maxEdgesPerDetection;
        init => _maxEdgesPerDetection = OptionCheck.AtLeast(value, 1, nameof(MaxEdgesPerDetection));
    }

    /// <summary>
    /// Search work (search nodes plus undecided nodes scanned by its bound) the exact branch-and-bound selection may
    /// spend per connected component of the conflict graph, and 4× that per frame. Within the budget the selection is
    /// proven optimal; past it the best packing found (the better of the search's incumbent and a greedy packing
    /// improved by local search) is used and the result reports the gap to an upper bound
    /// (<see cref="AssociationResult.IsOptimal"/>, <see cref="AssociationResult.OptimalityGap"/>). Deterministic. ≥ 1.
    /// </summary>
    public int SearchNodeBudget
    {
        get => _searchNodeBudget;
        init => _searchNodeBudget = OptionCheck.AtLeast(value, 1, nameof(SearchNodeBudget));
    }

    /// <summary>
    /// The candidate search lists every compatible tuple while there are at most this many (all instances of a handful
    /// of people); past it (crowds seen by many cameras: a person seen in V views alone gives 2^V − V − 1 tuples) it
    /// switches to the restricted mode of <see cref="MaxSkippedViews"/>. ≥ 1.
    /// </summary>
    public int MaxExhaustiveTuples
    {
        get => _maxExhaustiveTuples;
        init => _maxExhaustiveTuples = OptionCheck.AtLeast(value, 1, nameof(MaxExhaustiveTuples));
    }

    /// <summary>
    /// Restricted candidate search: a tuple may leave out at most this many views that hold a detection compatible
    /// with every one of its members (views where nobody compatible was detected are free). ≥ 0.
    /// </summary>
    public int MaxSkippedViews
    {
        get => _maxSkippedViews;
        init => _maxSkippedViews = OptionCheck.AtLeast(value, 0, nameof(MaxSkippedViews));
    }

    /// <summary>
    /// A frame with more nodes (participating detections, all views) than this is crowded: its pairwise step
    /// abandons a pair as soon as the error of its joints so far already reaches the pairwise bound, and
    /// <see cref="MaxPartnersPerView"/> and <see cref="MaxEdgesPerDetection"/> prune its candidates. Smaller frames
    /// (Shelf, Panoptic: a handful of people) are treated exhaustively. ≥ 0.
    /// </summary>
    public int CrowdNodeCount
    {
        get => _crowdNodeCount;
        init => _crowdNodeCount = OptionCheck.AtLeast(value, 0, nameof(CrowdNodeCount));
    }
}
