using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The incidences of a hypergraph: pair i says node <c>Nodes[i]</c> belongs to hyperedge <c>Edges[i]</c> (int64
/// <c>[incidences]</c> each, PyTorch Geometric's <c>hyperedge_index</c> rows), over <see cref="NodeCount"/> nodes and
/// <see cref="EdgeCount"/> hyperedges. Nodes and edges without incidences are allowed.
/// </summary>
/// <param name="Nodes">Node of each incidence.</param>
/// <param name="Edges">Hyperedge of each incidence.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="EdgeCount">Number of hyperedges.</param>
public sealed record HypergraphIncidence(Tensor Nodes, Tensor Edges, int NodeCount, int EdgeCount)
{
    /// <summary>Builds the incidence from parallel lists.</summary>
    public static HypergraphIncidence FromLists(IReadOnlyList<long> nodes, IReadOnlyList<long> edges, int nodeCount, int edgeCount)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        if (nodes.Count != edges.Count)
        {
            throw new ArgumentException($"{nodes.Count} nodes but {edges.Count} edges in the incidence lists");
        }

        return new HypergraphIncidence(Tensor.FromArray(nodes.ToArray(), nodes.Count), Tensor.FromArray(edges.ToArray(), edges.Count), nodeCount, edgeCount);
    }

    /// <summary>The number of incidences.</summary>
    public int Count => Nodes.Size(0);
}
