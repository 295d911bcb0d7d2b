using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// A hypergraph convolution applied as a gated residual (dispose.md 4.2 steps 4 and 8):
/// x += s·Dropout(LN(HypergraphConv(x)))·mask, with s a learned scalar initialised 0, so that a new decoder starts as
/// if the hypergraph were absent. Nodes <c>[nodes, d]</c>, mask <c>[nodes, 1]</c> (0/1).
/// </summary>
public sealed class HypergraphResidual : Module
{
    private readonly Dropout _dropout;

    /// <summary>Creates the block.</summary>
    public HypergraphResidual(int dim, int heads, HypergraphAttentionMode mode, float dropout, Generator generator)
    {
        Conv = RegisterModule("conv", new HypergraphConv(dim, heads, mode, dropout, generator));
        Norm = RegisterModule("norm", new LayerNorm(dim));
        _dropout = RegisterModule("dropout", new Dropout(dropout, generator));
        Scale = RegisterParameter("scale", Tensor.Zeros(1));
    }

    /// <summary>The convolution.</summary>
    public HypergraphConv Conv { get; }

    /// <summary>The normalisation of its output.</summary>
    public LayerNorm Norm { get; }

    /// <summary>s <c>[1]</c>, initialised 0.</summary>
    public Tensor Scale { get; }

    /// <summary>x + s·Dropout(LN(conv(x)))·mask.</summary>
    public Tensor Forward(Tensor nodes, Tensor attributes, HypergraphIncidence graph, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(mask);
        return nodes + (_dropout.Forward(Norm.Forward(Conv.Forward(nodes, attributes, graph))) * Scale * mask);
    }
}
