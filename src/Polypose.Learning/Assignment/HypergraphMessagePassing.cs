using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Assignment;

/// <summary>
/// One AdaLN-modulated hypergraph message-passing step of the denoiser (DisPOSE 3.7 step 7, <c>MPHyperGraphConv</c>):
/// node → edge attention (queries from edges, keys/values from member nodes, softmax over the members of each edge)
/// plus a max-pool of the value-projected members, gated residual and edge FFN; then edge → node, symmetric (softmax
/// over the incident edges of each node). AdaLN: for nodes and for edges separately SiLU → Linear(d → 8d), zero
/// initialised, whose chunks are [source scale, source shift, target scale, target shift, attention gate, FFN scale,
/// FFN shift, FFN gate]; modulation LN(x)·(1 + scale) + shift with LN without affine. Projections have no bias except
/// the output linears. Shapes: nodes <c>[nodes, d]</c>, edges <c>[edges, d]</c>, incidence <c>[members]</c> (int64).
/// </summary>
public sealed class HypergraphMessagePassing : Module
{
    private readonly int _dim;
    private readonly int _heads;
    private readonly float _dropout;
    private readonly Generator _generator;
    private readonly LayerNorm _norm;

    /// <summary>Creates the layer.</summary>
    public HypergraphMessagePassing(int dim, int heads, double dropout, Generator generator)
    {
        if (dim % heads != 0)
        {
            throw new ArgumentException($"width {dim} is not a multiple of {heads} heads", nameof(dim));
        }

        _dim = dim;
        _heads = heads;
        _dropout = (float)dropout;
        _generator = generator;
        _norm = new LayerNorm(dim, elementwiseAffine: false);
        NodeModulation = RegisterModule("node_ada", ZeroLinear(dim, 8 * dim, generator));
        EdgeModulation = RegisterModule("edge_ada", ZeroLinear(dim, 8 * dim, generator));
        ToEdge = RegisterModule("node_to_edge", new Direction(dim, generator));
        ToNode = RegisterModule("edge_to_node", new Direction(dim, generator));
    }

    /// <summary>AdaLN of the nodes: SiLU(node condition) → 8 chunks of d.</summary>
    public Linear NodeModulation { get; }

    /// <summary>AdaLN of the edges: SiLU(edge condition) → 8 chunks of d.</summary>
    public Linear EdgeModulation { get; }

    /// <summary>Node → edge projections and edge FFN.</summary>
    public Direction ToEdge { get; }

    /// <summary>Edge → node projections and node FFN.</summary>
    public Direction ToNode { get; }

    /// <summary>Runs both directions; returns the updated (nodes, edges).</summary>
    public (Tensor Nodes, Tensor Edges) Forward(Tensor nodes, Tensor edges, Tensor nodeCondition, Tensor edgeCondition, Tensor incidenceNode, Tensor incidenceEdge)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(nodeCondition);
        ArgumentNullException.ThrowIfNull(edgeCondition);
        return Run(nodes, edges, NodeModulation.Forward(nodeCondition.Silu()), edgeCondition, incidenceNode, incidenceEdge);
    }

    /// <summary>
    /// The public Forward for a node condition that repeats per sample: <paramref name="sampleCondition"/>
    /// <c>[samples, d]</c> and each node's sample <paramref name="nodeSample"/> <c>[nodes]</c> (int64). The node AdaLN
    /// linear then runs once per sample instead of once per node (same values: every row is computed alone).
    /// </summary>
    internal (Tensor Nodes, Tensor Edges) Forward(
        Tensor nodes, Tensor edges, Tensor sampleCondition, Tensor nodeSample, Tensor edgeCondition, Tensor incidenceNode, Tensor incidenceEdge)
    {
        var perSample = NodeModulation.Forward(sampleCondition.Silu());
        return Run(nodes, edges, perSample.IndexSelect(0, nodeSample), edgeCondition, incidenceNode, incidenceEdge);
    }

    private (Tensor Nodes, Tensor Edges) Run(Tensor nodes, Tensor edges, Tensor nodeModulation, Tensor edgeCondition, Tensor incidenceNode, Tensor incidenceEdge)
    {
        var nc = nodeModulation.Chunk(8, -1);
        var ec = EdgeModulation.Forward(edgeCondition.Silu()).Chunk(8, -1);

        var src = Modulate(nodes, nc[0], nc[1]);
        var tgt = Modulate(edges, ec[2], ec[3]);
        edges += ec[4] * Attend(ToEdge, tgt, src, incidenceEdge, incidenceNode, edges.Size(0));
        edges += ec[7] * ToEdge.Ffn(Modulate(edges, ec[5], ec[6]), Training, _dropout, _generator);

        src = Modulate(edges, ec[0], ec[1]);
        tgt = Modulate(nodes, nc[2], nc[3]);
        nodes += nc[4] * Attend(ToNode, tgt, src, incidenceNode, incidenceEdge, nodes.Size(0));
        nodes += nc[7] * ToNode.Ffn(Modulate(nodes, nc[5], nc[6]), Training, _dropout, _generator);
        return (nodes, edges);
    }

    private Tensor Modulate(Tensor x, Tensor scale, Tensor shift) => (_norm.Forward(x) * (scale + 1f)) + shift;

    // Attention of each target over its incident sources plus a max-pool of their values; [targets, d].
    private Tensor Attend(Direction p, Tensor targets, Tensor sources, Tensor targetIndex, Tensor sourceIndex, int targetCount)
    {
        int members = targetIndex.Size(0), dh = _dim / _heads;
        var q = p.Query.Forward(targets).IndexSelect(0, targetIndex).Reshape(members, _heads, dh);
        var k = p.Key.Forward(sources).IndexSelect(0, sourceIndex).Reshape(members, _heads, dh);
        var v = p.Value.Forward(sources).IndexSelect(0, sourceIndex);
        var logits = (q * k).Sum(-1) * (1f / MathF.Sqrt(dh));
        var alpha = Functional.Dropout(logits.SegmentSoftmax(targetIndex, targetCount), _dropout, Training, _generator);
        var message = (alpha.Unsqueeze(-1) * v.Reshape(members, _heads, dh)).Reshape(members, _dim).SegmentSum(targetIndex, targetCount);
        var pooled = v.SegmentMax(targetIndex, targetCount);
        return p.Output.Forward(Tensor.Cat([message, pooled], -1));
    }

    private static Linear ZeroLinear(int input, int output, Generator generator)
    {
        var l = new Linear(input, output, generator);
        Init.Zeros(l.Weight);
        Init.Zeros(l.Bias!);
        return l;
    }

    /// <summary>The projections of one direction: query (targets), key and value (sources), output Linear(2d → d) over
    /// [attention message, max-pool], and the target's FFN d → 4d → d with SiLU.</summary>
    public sealed class Direction : Module
    {
        /// <summary>Creates the projections (Xavier, no bias except the output linears).</summary>
        public Direction(int dim, Generator generator)
        {
            Query = RegisterModule("q", Xavier(new Linear(dim, dim, generator, bias: false), generator));
            Key = RegisterModule("k", Xavier(new Linear(dim, dim, generator, bias: false), generator));
            Value = RegisterModule("v", Xavier(new Linear(dim, dim, generator, bias: false), generator));
            Output = RegisterModule("out", Xavier(new Linear(2 * dim, dim, generator), generator));
            FfnIn = RegisterModule("ffn_in", Xavier(new Linear(dim, 4 * dim, generator), generator));
            FfnOut = RegisterModule("ffn_out", Xavier(new Linear(4 * dim, dim, generator), generator));
        }

        /// <summary>Query projection (targets).</summary>
        public Linear Query { get; }

        /// <summary>Key projection (sources).</summary>
        public Linear Key { get; }

        /// <summary>Value projection (sources), also pooled.</summary>
        public Linear Value { get; }

        /// <summary>Linear(2d → d) over [message, max-pool].</summary>
        public Linear Output { get; }

        /// <summary>FFN input layer d → 4d.</summary>
        public Linear FfnIn { get; }

        /// <summary>FFN output layer 4d → d.</summary>
        public Linear FfnOut { get; }

        internal Tensor Ffn(Tensor x, bool training, float dropout, Generator generator) =>
            FfnOut.Forward(Functional.Dropout(FfnIn.Forward(x).Silu(), dropout, training, generator));

        private static Linear Xavier(Linear l, Generator generator)
        {
            Init.XavierUniform(l.Weight, generator);
            if (l.Bias is { } b)
            {
                Init.Zeros(b);
            }

            return l;
        }
    }
}
