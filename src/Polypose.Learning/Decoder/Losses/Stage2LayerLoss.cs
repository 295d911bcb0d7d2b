namespace Polypose.Learning.Decoder.Losses;

/// <summary>One decoder layer's Stage II loss terms before their λ (dispose.md 5.2), for logging.</summary>
/// <param name="Reprojection">2D L1, original px.</param>
/// <param name="Heatmap">One-sided Gaussian L2 (canvas-normalised).</param>
/// <param name="Anchor">3D L1 to the pseudo-3D, mm.</param>
/// <param name="CrossAugmentation">3D L1 between augmentation slots, mm.</param>
/// <param name="Residual">Mean triangulation residual.</param>
public sealed record Stage2LayerLoss(double Reprojection, double Heatmap, double Anchor, double CrossAugmentation, double Residual);
