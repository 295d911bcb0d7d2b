namespace Polypose.Tensors.Nn;

/// <summary>
/// Multi-head attention with batch-first tensors (PyTorch <c>nn.MultiheadAttention(batch_first=True)</c>, same
/// parameter names: in_proj_weight [3E, E], in_proj_bias [3E], out_proj.weight, out_proj.bias).
/// </summary>
public sealed class MultiheadAttention : Module
{
    /// <summary>Creates the layer; <paramref name="embedDim"/> must be divisible by <paramref name="numHeads"/>.</summary>
    public MultiheadAttention(int embedDim, int numHeads, Generator generator, float dropout = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numHeads);
        if (embedDim % numHeads != 0)
        {
            throw new ArgumentException($"embed_dim {embedDim} must be divisible by num_heads {numHeads}", nameof(numHeads));
        }

        EmbedDim = embedDim;
        NumHeads = numHeads;
        DropoutP = dropout;
        Generator = generator;
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Zeros(3 * embedDim, embedDim));
        Init.XavierUniform(InProjWeight, generator);
        InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros(3 * embedDim));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, generator));
        OutProj.Bias!.ZeroInPlace();
    }

    /// <summary>Model width E.</summary>
    public int EmbedDim { get; }

    /// <summary>Number of heads H (head size E / H).</summary>
    public int NumHeads { get; }

    /// <summary>Attention-weight dropout probability (training only).</summary>
    public float DropoutP { get; }

    /// <summary>Packed q, k, v projection weight [3E, E].</summary>
    public Tensor InProjWeight { get; }

    /// <summary>Packed q, k, v projection bias [3E].</summary>
    public Tensor InProjBias { get; }

    /// <summary>Output projection E → E.</summary>
    public Linear OutProj { get; }

    private Generator Generator { get; }

    /// <summary>
    /// Attends <paramref name="query"/> [B, L, E] over <paramref name="key"/>/<paramref name="value"/> [B, S, E].
    /// <paramref name="keyPaddingMask"/> [B, S] bool, true = ignore that key; <paramref name="attnMask"/> [L, S] bool
    /// (true = not allowed) or additive float. Returns output [B, L, E] and head-averaged weights [B, L, S].
    /// A query whose keys are all masked gets zero weights (no NaN).
    /// </summary>
    public (Tensor Output, Tensor Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, Tensor? attnMask = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        int b = query.Size(0), l = query.Size(1), s = key.Size(1), e = EmbedDim, h = NumHeads, d = e / h;
        var w = InProjWeight.Chunk(3, 0);
        var bias = InProjBias.Chunk(3, 0);
        var q = Functional.Linear(query, w[0], bias[0]).Reshape(b, l, h, d).Transpose(1, 2);
        var k = Functional.Linear(key, w[1], bias[1]).Reshape(b, s, h, d).Transpose(1, 2);
        var v = Functional.Linear(value, w[2], bias[2]).Reshape(b, s, h, d).Transpose(1, 2);
        if (DropoutP == 0f || !Training)
        {
            Tensor? additive = null;
            if (attnMask is not null)
            {
                additive = attnMask.DType == DType.Bool ? Ops.AttentionOps.BlockedToAdditive(attnMask) : attnMask;
            }

            if (keyPaddingMask is not null)
            {
                var pad = Ops.AttentionOps.BlockedToAdditive(keyPaddingMask.Reshape(b, 1, 1, s));
                additive = additive is null ? pad : additive.Add(pad);
            }

            var (o, weights) = Ops.AttentionOps.ScaledDotProduct(q, k, v, additive);
            return (OutProj.Forward(o.Transpose(1, 2).Reshape(b, l, e)), weights.Mean(1));
        }

        var scores = q.Matmul(k.MT).Mul(1f / MathF.Sqrt(d));
        if (attnMask is not null)
        {
            scores = attnMask.DType == DType.Bool ? scores.MaskedFill(attnMask, float.NegativeInfinity) : scores.Add(attnMask);
        }

        if (keyPaddingMask is not null)
        {
            scores = scores.MaskedFill(keyPaddingMask.Reshape(b, 1, 1, s), float.NegativeInfinity);
        }

        var attn = scores.Softmax(-1);
        var dropped = Functional.Dropout(attn, DropoutP, Training, Generator);
        var context = dropped.Matmul(v).Transpose(1, 2).Reshape(b, l, e);
        return (OutProj.Forward(context), attn.Mean(1));
    }
}
