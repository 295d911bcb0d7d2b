using Polypose.Tensors;

namespace Polypose.Learning.Assignment;

/// <summary>
/// A Stage I denoiser bound to one batch's hyperedges and node features: maps the probability state x_t <c>[edges]</c>
/// at per-sample timesteps <c>[samples]</c> to raw clean logits û0 <c>[edges]</c> (DisPOSE 3.5 step 4).
/// </summary>
public interface IAssignmentDenoiser
{
    /// <summary>Predicts û0 <c>[edges]</c> from x_t <c>[edges]</c> at timesteps <paramref name="timesteps"/> <c>[samples]</c>.</summary>
    Tensor PredictCleanLogits(Tensor state, IReadOnlyList<int> timesteps);
}
