using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// AnchorL1Loss (dispose.md 5.2, quirk 11.11): the L1 distance between one decoder layer's refined 3D joints and the
/// teacher's pseudo-3D (never ground truth), Σ w₃·(|ΔX| + |ΔY| + |ΔZ|) / (Σw₃·3) in mm, with w₃ = clamp(score3D, 0, 1)·
/// [score3D ≥ 0.3]·[person id ≥ 0] (<see cref="LabelWeights"/>). 0 when no joint has weight.
/// </summary>
public static class AnchorL1Loss
{
    /// <summary>
    /// The loss (a scalar, differentiable in <paramref name="refined"/>). <paramref name="refined"/> and
    /// <paramref name="pseudo3D"/> <c>[S, N, J, 3]</c> (world mm); <paramref name="weight"/> <c>[S, N, J]</c>.
    /// </summary>
    public static Tensor Compute(Tensor refined, Tensor pseudo3D, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(refined);
        ArgumentNullException.ThrowIfNull(pseudo3D);
        ArgumentNullException.ThrowIfNull(weight);
        var distance = (refined - pseudo3D).Abs().Sum(-1);
        return (distance * weight).Sum() / (weight.Sum() * 3f).Clamp(1e-8f, null);
    }
}
