namespace Polypose.Learning.Decoder;

/// <summary>Where <see cref="HypergraphConv"/> normalises its attention (PyTorch Geometric's <c>attention_mode</c>).</summary>
public enum HypergraphAttentionMode
{
    /// <summary>Softmax over the member nodes of each hyperedge.</summary>
    Node,

    /// <summary>Softmax over the hyperedges of each node.</summary>
    Edge,
}
