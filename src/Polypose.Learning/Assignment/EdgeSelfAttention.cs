using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Edge self-attention per frame (DisPOSE 3.7 step 9, <c>GraphAttention</c>): the edges of each sample are padded into
/// a dense sequence <c>[samples, longest, d]</c>, attend to each other (multi-head, key padding mask), post-norm
/// residual, then FFN d → 4d → d with SiLU and a second post-norm. Edges <c>[edges, d]</c> → <c>[edges, d]</c>.
/// </summary>
public sealed class EdgeSelfAttention : Module
{
    private readonly float _dropout;
    private readonly Generator _generator;

    /// <summary>Creates the block.</summary>
    public EdgeSelfAttention(int dim, int heads, double dropout, Generator generator)
    {
        _dropout = (float)dropout;
        _generator = generator;
        Attention = RegisterModule("attn", new MultiheadAttention(dim, heads, generator, (float)dropout));
        Norm1 = RegisterModule("norm1", new LayerNorm(dim));
        FfnIn = RegisterModule("ffn_in", new Linear(dim, 4 * dim, generator));
        FfnOut = RegisterModule("ffn_out", new Linear(4 * dim, dim, generator));
        Norm2 = RegisterModule("norm2", new LayerNorm(dim));
    }

    /// <summary>The multi-head attention.</summary>
    public MultiheadAttention Attention { get; }

    /// <summary>Post-norm after attention.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>FFN input d → 4d.</summary>
    public Linear FfnIn { get; }

    /// <summary>FFN output 4d → d.</summary>
    public Linear FfnOut { get; }

    /// <summary>Post-norm after the FFN.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Attends among the edges of each sample; <paramref name="edgeSample"/> <c>[edges]</c> gives each edge's sample.</summary>
    public Tensor Forward(Tensor edges, ReadOnlySpan<int> edgeSample, int samples)
    {
        ArgumentNullException.ThrowIfNull(edges);
        int m = edges.Size(0), d = edges.Size(1);
        var counts = new int[samples];
        var position = new long[m];
        foreach (var s in edgeSample)
        {
            counts[s]++;
        }

        var longest = Math.Max(1, counts.Max());
        Array.Clear(counts);
        for (var e = 0; e < m; e++)
        {
            var s = edgeSample[e];
            position[e] = ((long)s * longest) + counts[s]++;
        }

        var pad = new bool[samples * longest];
        for (var s = 0; s < samples; s++)
        {
            for (var i = counts[s]; i < longest; i++)
            {
                pad[(s * longest) + i] = true;
            }
        }

        var index = Tensor.FromArray(position, m);
        var dense = Tensor.Zeros(samples * longest, d).IndexAdd(0, index, edges).Reshape(samples, longest, d);
        var mask = Tensor.FromArray(pad, samples, longest);
        var attended = Attention.Forward(dense, dense, dense, mask).Output;
        var x = Norm1.Forward(dense + Functional.Dropout(attended, _dropout, Training, _generator));
        var ffn = FfnOut.Forward(Functional.Dropout(FfnIn.Forward(x).Silu(), _dropout, Training, _generator));
        x = Norm2.Forward(x + Functional.Dropout(ffn, _dropout, Training, _generator));
        return x.Reshape(samples * longest, d).IndexSelect(0, index);
    }
}
