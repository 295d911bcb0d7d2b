using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// RefinedPseudoRegressionL1Loss (dispose.md 5.2): the L1 distance, in original pixels, between one decoder layer's
/// reprojections and the curated 2D pseudo-labels, Σ w·(|Δx| + |Δy|) / (Σw·2), with w = clamp(score, 0, 1)·
/// [score ≥ 0.3]·[person id ≥ 0] (<see cref="LabelWeights"/>). 0 when no joint has weight.
/// </summary>
public static class ReprojectionL1Loss
{
    /// <summary>
    /// The loss (a scalar, differentiable in <paramref name="reprojection"/>). <paramref name="reprojection"/> and
    /// <paramref name="target"/> <c>[S, V, N, J, 2]</c> (original px); <paramref name="weight"/> <c>[S, V, N, J]</c>
    /// from <see cref="LabelWeights.Of"/>.
    /// </summary>
    public static Tensor Compute(Tensor reprojection, Tensor target, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(reprojection);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(weight);
        var distance = (reprojection - target).Abs().Sum(-1);
        return (distance * weight).Sum() / (weight.Sum() * 2f).Clamp(1e-8f, null);
    }
}
