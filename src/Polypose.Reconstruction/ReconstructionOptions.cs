using Polypose.Association;
using Polypose.Core.Anatomy;
using Polypose.Core.Options;
using Polypose.Evidence;

namespace Polypose.Reconstruction;

/// <summary>
/// Settings of <see cref="MultiViewReconstructor"/>: association (see <see cref="AssociationOptions"/>), the bone-length
/// prior shared by the association gate and the rectifier (<see cref="Anatomy"/>), per-joint triangulation with
/// worst-view dropout (dispose.md §4.3) and anatomical rectification. Distances in mm, pixel errors in px². Every value
/// is checked on init: an out-of-range options object cannot be constructed.
/// </summary>
public sealed record ReconstructionOptions
{
    private readonly AssociationOptions _association = new();
    private readonly BonePriorOptions _anatomy = BonePriorOptions.Default;
    private readonly double _triangulationThreshold = 0.2;
    private readonly double _dropoutErrorPx = 25;
    private readonly int _maxDropouts = 1;
    private readonly double _completionMaxRayDistance = 100;
    private readonly int _minValidJoints = 6;
    private readonly double _robustRefineScalePx;

    /// <summary>Settings of the PAF person parser used by the <see cref="Core.Poses.PafFrame"/> overload (null = its defaults).</summary>
    public PafParserOptions? PafParser { get; init; }

    /// <summary>Cross-view association settings (not null).</summary>
    public AssociationOptions Association
    {
        get => _association;
        init => _association = OptionCheck.NotNull(value, nameof(Association));
    }

    /// <summary>
    /// The one bone-length prior (k of mean ± k·sd, measurement noise) used by the association's anatomical gate, the
    /// rectifier and joint completion alike (COMPOSE <c>sigma_threshold</c>: 3.5; noise 40 mm). Not null.
    /// </summary>
    public BonePriorOptions Anatomy
    {
        get => _anatomy;
        init => _anatomy = OptionCheck.NotNull(value, nameof(Anatomy));
    }

    /// <summary>
    /// A view contributes a joint when its 2D score is at least this; the score is its weight (COMPOSE: 0.3; 0.2 tuned
    /// on Shelf BODY25, +0.3 PCP). Finite, ≥ 0.
    /// </summary>
    public double TriangulationThreshold
    {
        get => _triangulationThreshold;
        init => _triangulationThreshold = OptionCheck.NonNegative(value, nameof(TriangulationThreshold));
    }

    /// <summary>
    /// With ≥ 3 views, the worst view is dropped when its reprojection error exceeds this (px; reference 16, 25 tuned on
    /// Shelf's 1032×776 images). &gt; 0; +∞ disables dropout.
    /// </summary>
    public double DropoutErrorPx
    {
        get => _dropoutErrorPx;
        init => _dropoutErrorPx = OptionCheck.PositiveOrInfinity(value, nameof(DropoutErrorPx));
    }

    /// <summary>How many worst views may be dropped per joint, one at a time, while ≥ 3 views remain (reference: 1). ≥ 0.</summary>
    public int MaxDropouts
    {
        get => _maxDropouts;
        init => _maxDropouts = OptionCheck.AtLeast(value, 0, nameof(MaxDropouts));
    }

    /// <summary>
    /// When &gt; 0, each triangulated joint is refined after dropout by a robust (Cauchy, this scale in px) fit of its
    /// pixel reprojection errors over every view that passed the score threshold
    /// (<see cref="Geometry.Triangulation.RefineRobust"/>): the views that agree decide, a stray view is down-weighted
    /// instead of averaged in. 0 (default, the teacher's behaviour) = off. Finite, ≥ 0.
    /// </summary>
    public double RobustRefineScalePx
    {
        get => _robustRefineScalePx;
        init => _robustRefineScalePx = OptionCheck.NonNegative(value, nameof(RobustRefineScalePx));
    }

    /// <summary>Whether to reject joints with implausible bone lengths (<see cref="Body.AnatomicalRectifier"/>).</summary>
    public bool Rectify { get; init; } = true;

    /// <summary>
    /// Before rejecting an implausible joint, try its leave-one-view-out re-triangulations (when ≥ 3 views saw it) and
    /// keep the best plausible one.
    /// </summary>
    public bool RepairJoints { get; init; } = true;

    /// <summary>
    /// PAF input only: fill joints a person still lacks from unclaimed raw joint candidates seen in ≥ 2 views (see the
    /// PAF overload of <see cref="MultiViewReconstructor.Reconstruct(IReadOnlyList{Polypose.Geometry.Camera}, IReadOnlyList{Core.Poses.PafFrame})"/>).
    /// </summary>
    public bool CompleteFromCandidates { get; init; } = true;

    /// <summary>
    /// Two candidate rays seed a completed joint only if they pass within this distance (mm; 100 tuned on Shelf). &gt; 0;
    /// +∞ removes the limit.
    /// </summary>
    public double CompletionMaxRayDistance
    {
        get => _completionMaxRayDistance;
        init => _completionMaxRayDistance = OptionCheck.PositiveOrInfinity(value, nameof(CompletionMaxRayDistance));
    }

    /// <summary>People with fewer reconstructed joints than this (after rectification) are dropped. ≥ 1.</summary>
    public int MinValidJoints
    {
        get => _minValidJoints;
        init => _minValidJoints = OptionCheck.AtLeast(value, 1, nameof(MinValidJoints));
    }
}
