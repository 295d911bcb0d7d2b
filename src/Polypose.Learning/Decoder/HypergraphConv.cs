using Polypose.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Hypergraph convolution with attention (dispose.md 4.2 step 4; PyTorch Geometric's <c>HypergraphConv</c> with
/// use_attention, concat = False, unit hyperedge weights): x' = Lin(x) and a' = Lin(attr) (one bias-free linear
/// d → heads·d shared by nodes and edge attributes); per incidence (i, e) and head,
/// α = LeakyReLU₀.₂(⟨[x'_i ‖ a'_e], att⟩), softmax over the nodes of each edge (<see cref="HypergraphAttentionMode.Node"/>)
/// or over the edges of each node (<see cref="HypergraphAttentionMode.Edge"/>), then dropout; edge value
/// m_e = Σ_i α·x'_i / |e|, node output Σ_e α·m_e / deg(i); mean over heads plus bias. Shapes: nodes <c>[nodes, d]</c>,
/// edge attributes <c>[edges, d]</c> → <c>[nodes, d]</c>; nodes without incidences get the bias only.
/// </summary>
public sealed class HypergraphConv : Module
{
    private readonly Generator _generator;

    /// <summary>Creates the operator (Glorot weights and attention vector, zero bias).</summary>
    public HypergraphConv(int dim, int heads, HypergraphAttentionMode mode, float dropout, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        ArgumentNullException.ThrowIfNull(generator);
        Dim = dim;
        Heads = heads;
        Mode = Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode));
        DropoutRate = dropout;
        _generator = generator;
        Weight = RegisterParameter("lin_weight", Tensor.Zeros(heads * dim, dim));
        Init.XavierUniform(Weight, generator);
        Attention = RegisterParameter("att", Tensor.Zeros(heads, 2 * dim));
        var bound = MathF.Sqrt(6f / (heads + (2 * dim)));
        Attention.UniformInPlace(generator, -bound, bound);
        Bias = RegisterParameter("bias", Tensor.Zeros(dim));
    }

    /// <summary>d, input and output width.</summary>
    public int Dim { get; }

    /// <summary>Attention heads.</summary>
    public int Heads { get; }

    /// <summary>Where the attention is normalised.</summary>
    public HypergraphAttentionMode Mode { get; }

    /// <summary>Dropout on the attention coefficients (training only).</summary>
    public float DropoutRate { get; }

    /// <summary>Lin, <c>[heads·d, d]</c>, no bias.</summary>
    public Tensor Weight { get; }

    /// <summary>The attention vector <c>[heads, 2d]</c>.</summary>
    public Tensor Attention { get; }

    /// <summary>The output bias <c>[d]</c>.</summary>
    public Tensor Bias { get; }

    /// <summary>Convolves <paramref name="nodes"/> <c>[nodes, d]</c> over <paramref name="graph"/> with edge attributes <paramref name="attributes"/> <c>[edges, d]</c>.</summary>
    public Tensor Forward(Tensor nodes, Tensor attributes, HypergraphIncidence graph) =>
        Apply(nodes, attributes, graph, Weight, Attention, Bias, Heads, Mode, DropoutRate, Training, _generator);

    /// <summary>
    /// The operator as a function of its parameters (any float dtype): <paramref name="weight"/> <c>[heads·d, d]</c>,
    /// <paramref name="attention"/> <c>[heads, 2d]</c>, <paramref name="bias"/> <c>[d]</c>; see the type summary.
    /// </summary>
    public static Tensor Apply(
        Tensor nodes, Tensor attributes, HypergraphIncidence graph, Tensor weight, Tensor attention, Tensor bias, int heads, HypergraphAttentionMode mode, float dropout, bool training, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(bias);
        var d = bias.Size(0);
        if (nodes.NDim != 2 || nodes.Size(0) != graph.NodeCount || attributes.NDim != 2 || attributes.Size(0) != graph.EdgeCount)
        {
            throw new ArgumentException($"expected nodes [{graph.NodeCount}, d] and attributes [{graph.EdgeCount}, d], got [{string.Join(", ", nodes.Shape)}] and [{string.Join(", ", attributes.Shape)}]");
        }

        if (graph.Count == 0)
        {
            return Tensor.ZerosLike(nodes) + bias;
        }

        if (!GradMode.IsEnabled && !(training && dropout > 0) && nodes.DType == DType.Float32 && attributes.DType == DType.Float32 && weight.DType == DType.Float32 && attention.DType == DType.Float32 && bias.DType == DType.Float32)
        {
            return Infer(nodes, attributes, graph, weight, attention, bias, heads, mode);
        }

        var x = Functional.Linear(nodes, weight).Reshape(graph.NodeCount, heads, d);
        var a = Functional.Linear(attributes, weight).Reshape(graph.EdgeCount, heads, d);
        var xi = x.IndexSelect(0, graph.Nodes);
        var ae = a.IndexSelect(0, graph.Edges);
        var logits = (Tensor.Cat([xi, ae], -1) * attention).Sum(-1).LeakyRelu(0.2f);
        var alpha = mode == HypergraphAttentionMode.Node
            ? logits.SegmentSoftmax(graph.Edges, graph.EdgeCount)
            : logits.SegmentSoftmax(graph.Nodes, graph.NodeCount);
        alpha = Functional.Dropout(alpha, dropout, training, generator).Unsqueeze(-1);

        var ones = Tensor.OnesLike(graph.Nodes.To(nodes.DType));
        var edgeSize = ones.SegmentSum(graph.Edges, graph.EdgeCount);
        var nodeDegree = ones.SegmentSum(graph.Nodes, graph.NodeCount);
        var invEdge = Tensor.Where(edgeSize.Gt(0f), 1.0 / edgeSize.Clamp(1f, null), 0f).IndexSelect(0, graph.Edges).Reshape(graph.Count, 1, 1);
        var invNode = Tensor.Where(nodeDegree.Gt(0f), 1.0 / nodeDegree.Clamp(1f, null), 0f).IndexSelect(0, graph.Nodes).Reshape(graph.Count, 1, 1);
        var edgeValue = (alpha * xi * invEdge).SegmentSum(graph.Edges, graph.EdgeCount);
        var nodeValue = (alpha * edgeValue.IndexSelect(0, graph.Edges) * invNode).SegmentSum(graph.Nodes, graph.NodeCount);
        return nodeValue.Mean(1) + bias;
    }

    // The same operator without autograd (float32, no dropout): the two linear maps as GEMMs, then one pass over the
    // incidences per step (scores, segment softmax, edge values, node values) instead of gathered [incidences, heads, d]
    // tensors. Equal to the tensor path up to float rounding.
    private static Tensor Infer(Tensor nodes, Tensor attributes, HypergraphIncidence graph, Tensor weight, Tensor attention, Tensor bias, int heads, HypergraphAttentionMode mode)
    {
        int d = bias.Size(0), nodeCount = graph.NodeCount, edgeCount = graph.EdgeCount, m = graph.Count, hd = heads * d;
        var x = Functional.Linear(nodes, weight).Contiguous().ToArray();
        var a = Functional.Linear(attributes, weight).Contiguous().ToArray();
        var att = attention.Contiguous().ToArray();
        var b = bias.Contiguous().ToArray();
        var incidentNodes = graph.Nodes.Contiguous().AsInt64Span();
        var incidentEdges = graph.Edges.Contiguous().AsInt64Span();

        // Scores per incidence and head: LeakyReLU(⟨x'_i, att[:d]⟩ + ⟨a'_e, att[d:]⟩).
        var alpha = new float[m * heads];
        for (var k = 0; k < m; k++)
        {
            int i = (int)incidentNodes[k], e = (int)incidentEdges[k];
            for (var h = 0; h < heads; h++)
            {
                var xs = x.AsSpan((i * hd) + (h * d), d);
                var es = a.AsSpan((e * hd) + (h * d), d);
                var score = 0f;
                for (var c = 0; c < d; c++)
                {
                    score += xs[c] * att[(h * 2 * d) + c];
                }

                for (var c = 0; c < d; c++)
                {
                    score += es[c] * att[(h * 2 * d) + d + c];
                }

                alpha[(k * heads) + h] = score > 0 ? score : score * 0.2f;
            }
        }

        // Softmax over the incidences of each edge (node mode) or of each node (edge mode).
        var segments = mode == HypergraphAttentionMode.Node ? incidentEdges : incidentNodes;
        var segmentCount = mode == HypergraphAttentionMode.Node ? edgeCount : nodeCount;
        var max = new float[segmentCount * heads];
        Array.Fill(max, float.NegativeInfinity);
        var total = new float[segmentCount * heads];
        for (var k = 0; k < m; k++)
        {
            var g = (int)segments[k];
            for (var h = 0; h < heads; h++)
            {
                max[(g * heads) + h] = Math.Max(max[(g * heads) + h], alpha[(k * heads) + h]);
            }
        }

        for (var k = 0; k < m; k++)
        {
            var g = (int)segments[k];
            for (var h = 0; h < heads; h++)
            {
                var v = MathF.Exp(alpha[(k * heads) + h] - max[(g * heads) + h]);
                alpha[(k * heads) + h] = v;
                total[(g * heads) + h] += v;
            }
        }

        for (var k = 0; k < m; k++)
        {
            var g = (int)segments[k];
            for (var h = 0; h < heads; h++)
            {
                alpha[(k * heads) + h] /= total[(g * heads) + h];
            }
        }

        var edgeSize = new int[edgeCount];
        var nodeDegree = new int[nodeCount];
        for (var k = 0; k < m; k++)
        {
            edgeSize[incidentEdges[k]]++;
            nodeDegree[incidentNodes[k]]++;
        }

        // m_e = Σ_i α·x'_i / |e|, then node value Σ_e α·m_e / deg(i).
        var edgeValue = new float[edgeCount * hd];
        for (var k = 0; k < m; k++)
        {
            int i = (int)incidentNodes[k], e = (int)incidentEdges[k];
            var inv = 1f / edgeSize[e];
            for (var h = 0; h < heads; h++)
            {
                var w = alpha[(k * heads) + h];
                var xs = x.AsSpan((i * hd) + (h * d), d);
                var target = edgeValue.AsSpan((e * hd) + (h * d), d);
                for (var c = 0; c < d; c++)
                {
                    target[c] += w * xs[c] * inv;
                }
            }
        }

        var nodeValue = new float[nodeCount * hd];
        for (var k = 0; k < m; k++)
        {
            int i = (int)incidentNodes[k], e = (int)incidentEdges[k];
            var inv = 1f / nodeDegree[i];
            for (var h = 0; h < heads; h++)
            {
                var w = alpha[(k * heads) + h];
                var es = edgeValue.AsSpan((e * hd) + (h * d), d);
                var target = nodeValue.AsSpan((i * hd) + (h * d), d);
                for (var c = 0; c < d; c++)
                {
                    target[c] += w * es[c] * inv;
                }
            }
        }

        // Mean over heads plus bias.
        var output = new float[nodeCount * d];
        for (var i = 0; i < nodeCount; i++)
        {
            for (var c = 0; c < d; c++)
            {
                var sum = 0f;
                for (var h = 0; h < heads; h++)
                {
                    sum += nodeValue[(i * hd) + (h * d) + c];
                }

                output[(i * d) + c] = (sum / heads) + b[c];
            }
        }

        return Tensor.FromArray(output, nodeCount, d);
    }
}
