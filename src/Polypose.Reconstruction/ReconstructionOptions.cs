using Polypose.Association;
using Polypose.Evidence;

namespace Polypose.Reconstruction;

/// <summary>
/// Settings of <see cref="MultiViewReconstructor"/>: association (see <see cref="AssociationOptions"/>), per-joint
/// triangulation with worst-view dropout (dispose.md §4.3) and anatomical rectification. Distances in mm, pixel errors
/// in px².
/// </summary>
public sealed record ReconstructionOptions
{
    /// <summary>Settings of the PAF person parser used by the <see cref="Core.Poses.PafFrame"/> overload (null = its defaults).</summary>
    public PafParserOptions? PafParser { get; init; }

    /// <summary>Cross-view association settings.</summary>
    public AssociationOptions Association { get; init; } = new();

    /// <summary>
    /// A view contributes a joint when its 2D score is at least this; the score is its weight (COMPOSE: 0.3; 0.2 tuned
    /// on Shelf BODY25, +0.3 PCP).
    /// </summary>
    public double TriangulationThreshold { get; init; } = 0.2;

    /// <summary>
    /// With ≥ 3 views, the worst view is dropped when its reprojection error exceeds this (px; reference 16, 25 tuned on
    /// Shelf's 1032×776 images).
    /// </summary>
    public double DropoutErrorPx { get; init; } = 25;

    /// <summary>How many worst views may be dropped per joint, one at a time, while ≥ 3 views remain (reference: 1).</summary>
    public int MaxDropouts { get; init; } = 1;

    /// <summary>Whether to reject joints with implausible bone lengths (<see cref="Polypose.Association.Anatomy.AnatomicalRectifier"/>).</summary>
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

    /// <summary>Two candidate rays seed a completed joint only if they pass within this distance (mm; 100 tuned on Shelf).</summary>
    public double CompletionMaxRayDistance { get; init; } = 100;

    /// <summary>Bone lengths outside mean ± k·sd are implausible; this is k (COMPOSE <c>sigma_threshold</c>: 3.5).</summary>
    public double BoneSigma { get; init; } = 3.5;

    /// <summary>Bone-length measurement noise (mm) added in quadrature to the population sd (see <see cref="Polypose.Association.Anatomy.AnatomicalRectifier"/>).</summary>
    public double BoneMeasurementNoise { get; init; } = Polypose.Association.Anatomy.AnatomicalRectifier.DefaultMeasurementNoise;

    /// <summary>People with fewer reconstructed joints than this (after rectification) are dropped.</summary>
    public int MinValidJoints { get; init; } = 6;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Association);
        Association.Validate();
        if (!double.IsFinite(TriangulationThreshold) || TriangulationThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TriangulationThreshold), TriangulationThreshold, "must be finite and ≥ 0");
        }

        if (!(DropoutErrorPx > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DropoutErrorPx), DropoutErrorPx, "must be > 0 (+∞ disables dropout)");
        }

        if (!double.IsFinite(BoneSigma) || BoneSigma <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BoneSigma), BoneSigma, "must be finite and > 0");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxDropouts, nameof(MaxDropouts));
        if (!double.IsFinite(BoneMeasurementNoise) || BoneMeasurementNoise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BoneMeasurementNoise), BoneMeasurementNoise, "must be finite and ≥ 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinValidJoints, 1, nameof(MinValidJoints));
    }
}
