using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Fuses the per-view features of each joint (dispose.md 4.2 step 7): logits = Linear(d → 1)(F) +
/// 0.5·log(max(w, 1e-8)) with the triangulation weights w detached, softmax over the valid views, weighted sum.
/// Features <c>[S, V, P, d]</c>, weights and valid <c>[S, V, P]</c> → <c>[S, P, d]</c>, zero where no view is valid.
/// </summary>
public sealed class ViewAggregator : Module
{
    /// <summary>Creates the aggregator.</summary>
    public ViewAggregator(int dim, Generator generator)
    {
        Score = RegisterModule("score", new Linear(dim, 1, generator));
    }

    /// <summary>Linear(d → 1).</summary>
    public Linear Score { get; }

    /// <summary>Aggregates; see the type summary.</summary>
    public Tensor Forward(Tensor features, Tensor weights, Tensor valid)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        var logits = Score.Forward(features).Squeeze(-1) + (weights.Detach().Clamp(1e-8f, null).Log() * 0.5f);
        var a = MaskedViewSoftmax.Apply(logits, valid);
        return (features * a.Unsqueeze(-1)).Sum(1);
    }
}
