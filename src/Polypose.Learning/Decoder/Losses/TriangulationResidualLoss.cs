using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// TriangulationResidualLoss (dispose.md 5.2): the mean smallest singular value of the weighted algebraic
/// triangulation over the joints that one decoder layer triangulated (≥ 2 valid views and an active slot). 0 when
/// none was triangulated.
/// </summary>
public static class TriangulationResidualLoss
{
    /// <summary>
    /// The loss (a scalar, differentiable in <paramref name="residual"/>). <paramref name="residual"/>
    /// <c>[S, N, J]</c>; <paramref name="triangulated"/> <c>[S, N, J]</c>, 1 where the joint was triangulated, else 0.
    /// </summary>
    public static Tensor Compute(Tensor residual, Tensor triangulated)
    {
        ArgumentNullException.ThrowIfNull(residual);
        ArgumentNullException.ThrowIfNull(triangulated);
        return (residual * triangulated).Sum() / triangulated.Sum().Clamp(1f, null);
    }
}
