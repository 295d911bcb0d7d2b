using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>Stage II's loss over the decoder layers: the weighted total (a differentiable scalar) and each layer's unweighted terms.</summary>
/// <param name="Total">Σ_layers Σ_terms λ·term.</param>
/// <param name="Layers">The terms per layer.</param>
public sealed record Stage2LossResult(Tensor Total, IReadOnlyList<Stage2LayerLoss> Layers);
