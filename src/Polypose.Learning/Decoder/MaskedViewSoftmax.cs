using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Softmax over the views (dim 1) restricted to the valid ones: logits <c>[S, V, P]</c>, valid <c>[S, V, P]</c> (0/1)
/// → weights <c>[S, V, P]</c> that sum to 1 over the valid views of each point and are 0 elsewhere, all 0 where no view
/// is valid. Invalid logits are replaced by −1e9 (not −∞, so an all-invalid point stays finite).
/// </summary>
public static class MaskedViewSoftmax
{
    /// <summary>The masked softmax; see the type summary.</summary>
    public static Tensor Apply(Tensor logits, Tensor valid)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(valid);
        var w = Tensor.Where(valid.Gt(0f), logits, -1e9f).Softmax(1) * valid;
        return w / w.Sum(1, keepDim: true).Clamp(1e-12f, null);
    }
}
