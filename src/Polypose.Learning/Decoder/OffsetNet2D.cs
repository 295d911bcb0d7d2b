using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Per-view 2D refinement (dispose.md 4.2 step 5): h = F + Mlp(LN(F)) (d → d → d, GELU); offset =
/// tanh(Linear(h))·max_offset·max(W_in, H_in) input px (head init N(0, 1e-3), zero bias); logit = Linear(h) with bias
/// initialised 2.0; triangulation weights = softmax of the logit over the valid views; gates = sigmoid(logit); refined
/// 2D = p·(W_in, H_in) + offset mapped back to original pixels; the features are multiplied by the gates.
/// Features <c>[S, V, P, d]</c>, reference points p <c>[S, V, P, 2]</c> (normalised input coordinates), valid
/// <c>[S, V, P]</c> (0/1).
/// </summary>
public sealed class OffsetNet2D : Module
{
    /// <summary>Creates the network.</summary>
    public OffsetNet2D(int dim, double maxOffset, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        MaxOffset = maxOffset;
        Norm = RegisterModule("norm", new LayerNorm(dim));
        Mlp = RegisterModule("mlp", new Mlp(dim, [dim, dim], generator, Activation.Gelu));
        OffsetHead = RegisterModule("offset", new Linear(dim, 2, generator));
        Init.Normal(OffsetHead.Weight, generator, 0f, 1e-3f);
        Init.Zeros(OffsetHead.Bias!);
        WeightHead = RegisterModule("weight", new Linear(dim, 1, generator));
        WeightHead.Bias!.FillInPlace(2f);
    }

    /// <summary>Offset bound as a fraction of max(W_in, H_in).</summary>
    public double MaxOffset { get; }

    /// <summary>LN before the MLP.</summary>
    public LayerNorm Norm { get; }

    /// <summary>The residual MLP.</summary>
    public Mlp Mlp { get; }

    /// <summary>Linear(d → 2), the offset head.</summary>
    public Linear OffsetHead { get; }

    /// <summary>Linear(d → 1), the view-weight and gate logit.</summary>
    public Linear WeightHead { get; }

    /// <summary>Refines the projections; see the type summary.</summary>
    public OffsetResult Forward(Tensor features, Tensor reference, Tensor valid, DecoderViews views)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(views);
        var h = features + Mlp.Forward(Norm.Forward(features));
        var bound = (float)(MaxOffset * Math.Max(views.InputWidth, views.InputHeight));
        var offset = OffsetHead.Forward(h).Tanh() * bound;
        var logit = WeightHead.Forward(h).Squeeze(-1);
        var weights = MaskedViewSoftmax.Apply(logit, valid);
        var gates = logit.Sigmoid();
        var input = (reference * Tensor.FromArray([(float)views.InputWidth, views.InputHeight], 2)) + offset;
        var refined = ViewProjection.Affine(views.FromInput, input);
        return new OffsetResult(refined, weights, features * gates.Unsqueeze(-1));
    }
}

/// <summary>
/// What <see cref="OffsetNet2D"/> gives: refined 2D <c>[S, V, P, 2]</c> (original px), triangulation weights
/// <c>[S, V, P]</c> (softmax over valid views) and the gated features <c>[S, V, P, d]</c>.
/// </summary>
/// <param name="Refined2D">Refined joint positions per view, original px.</param>
/// <param name="Weights">View weights of the triangulation.</param>
/// <param name="Features">Features multiplied by the gates.</param>
public sealed record OffsetResult(Tensor Refined2D, Tensor Weights, Tensor Features);
