using Polypose.Core.Options;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// The λ of Stage II's per-layer losses (dispose.md 5.2, <c>configs/model/Pose.yaml</c>) and their expansion over the
/// decoder layers (<c>n_stages</c>: every term is applied to each of <see cref="Stages"/> layers with the same λ), plus
/// the choices of the Gaussian loss (σ in canvas px, canvas). Reference: L1 1.0, Gaussian 100.0, anchor 0.1,
/// cross-augmentation 1.0, residual 1e-4, 4 stages, σ 2, the reference canvas; Polypose's default differs only in
/// <see cref="Canvas"/> (<see cref="HeatmapCanvas.Dataset"/>).
/// </summary>
public sealed record Stage2LossWeights
{
    /// <summary>The reference's weights and choices (canvas included).</summary>
    public static Stage2LossWeights Reference { get; } = new() { Canvas = HeatmapCanvas.Reference };

    /// <summary>λ of the 2D L1 reprojection loss (RefinedPseudoRegressionL1Loss_l, reference 1.0).</summary>
    public double Reprojection { get; init => field = OptionCheck.NonNegative(value, nameof(Reprojection)); } = 1.0;

    /// <summary>λ of the one-sided Gaussian loss (RefinedPseudoRegressionL2Loss_l, reference 100.0).</summary>
    public double Heatmap { get; init => field = OptionCheck.NonNegative(value, nameof(Heatmap)); } = 100.0;

    /// <summary>λ of the pseudo-3D anchor (AnchorL1Loss_l, reference 0.1).</summary>
    public double Anchor { get; init => field = OptionCheck.NonNegative(value, nameof(Anchor)); } = 0.1;

    /// <summary>λ of the cross-augmentation consistency (RefinedPseudoRegressionCrossAffineL1Loss_l, reference 1.0).</summary>
    public double CrossAugmentation { get; init => field = OptionCheck.NonNegative(value, nameof(CrossAugmentation)); } = 1.0;

    /// <summary>λ of the triangulation residual (TriangulationResidualLoss_l, reference 1e-4).</summary>
    public double Residual { get; init => field = OptionCheck.NonNegative(value, nameof(Residual)); } = 1e-4;

    /// <summary>n_stages: the decoder layers every term is applied to (reference 4).</summary>
    public int Stages { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(Stages)); } = 4;

    /// <summary>σ of the Gaussian loss, canvas px (reference 2).</summary>
    public double Sigma { get; init => field = OptionCheck.Positive(value, nameof(Sigma)); } = 2.0;

    /// <summary>The canvas of the Gaussian loss (quirk 11.12).</summary>
    public HeatmapCanvas Canvas { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Canvas)); } = HeatmapCanvas.Dataset;
}
