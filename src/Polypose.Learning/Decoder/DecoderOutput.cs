using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The decoder's outputs: the prior poses it started from <c>[S, N, 15, 3]</c> (mm), the slot mask <c>[S, N]</c>
/// (bool) and every layer's <see cref="DecoderLayerOutput"/> (deep supervision; the last layer is the prediction).
/// </summary>
/// <param name="Prior">T-pose prior placed at the roots.</param>
/// <param name="SlotMask">Which slots hold a person.</param>
/// <param name="Layers">Per-layer outputs, first to last.</param>
public sealed record DecoderOutput(Tensor Prior, Tensor SlotMask, IReadOnlyList<DecoderLayerOutput> Layers)
{
    /// <summary>The prediction: the last layer's poses <c>[S, N, 15, 3]</c>.</summary>
    public Tensor Poses => Layers[^1].Poses;
}
