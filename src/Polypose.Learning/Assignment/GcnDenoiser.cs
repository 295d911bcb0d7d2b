using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Assignment;

/// <summary>
/// The Stage I denoiser (DisPOSE 3.7, <c>GCNDenoiser</c>): from the probability state x_t <c>[edges]</c>, the timestep
/// of each sample, the node features X <c>[samples·views·slots, d]</c> (deformable attention, one row per node slot,
/// order (b·V + v)·N + n) and the geometric cue z <c>[edges]</c>, predicts raw clean logits û0 <c>[edges]</c>.
/// <list type="number">
/// <item>t_emb = <see cref="TimestepEmbedding"/>; static gate s = √(1 − ᾱ_t) (0 at t = 0, ≈ 1 at high noise);</item>
/// <item>z_emb = MLP(1 → d → d, SiLU)(logit(clamp(z, 1e-6, 1 − 1e-6)))·s; h_W = Linear(1 → d)(x_t);</item>
/// <item>h_e = h_W + t_emb; h_n = Linear(d → d)(X)·s + t_emb; FiLM h_e = LN(h_e)·(1 + γ) + β, [γ, β] = Linear(z_emb), zero
/// initialised;</item>
/// <item>per layer: h_e += h_W, then <see cref="HypergraphMessagePassing"/> with node condition t_emb and edge condition
/// t_emb + z_emb;</item>
/// <item>h_e = LN(h_e); <see cref="EdgeSelfAttention"/> per frame; <see cref="HyperedgeHead"/>.</item>
/// </list>
/// The static cues (X and z) fade out at low noise (reference quirk 11.6: conditioned on x_t, not u_t).
/// </summary>
public sealed class GcnDenoiser : Module
{
    private readonly HypergraphMessagePassing[] _layers;
    private readonly CosineSchedule _schedule = new();

    /// <summary>Creates the denoiser with the reference initialisation; dropout draws from <paramref name="generator"/>.</summary>
    public GcnDenoiser(DenoiserOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        Options = options;
        var d = options.Dim;
        Time = RegisterModule("time_embed", new TimestepEmbedding(d, generator));
        Cue = RegisterModule("z_embed", new Mlp(1, [d, d], generator, Activation.Silu));
        State = RegisterModule("state_embed", new Linear(1, d, generator));
        NodeInput = RegisterModule("node_in", new Linear(d, d, generator));
        Film = RegisterModule("film", new Linear(d, 2 * d, generator));
        Init.Zeros(Film.Weight);
        Init.Zeros(Film.Bias!);
        FilmNorm = RegisterModule("film_norm", new LayerNorm(d));
        _layers = [.. Enumerable.Range(0, options.Layers).Select(i => RegisterModule($"layer_{i}", new HypergraphMessagePassing(d, options.Heads, options.Dropout, generator)))];
        EdgeNorm = RegisterModule("edge_norm", new LayerNorm(d));
        EdgeAttention = RegisterModule("edge_attn", new EdgeSelfAttention(d, options.Heads, options.Dropout, generator));
        Head = RegisterModule("head", new HyperedgeHead(d, options.Dropout, generator));
    }

    /// <summary>The sizes.</summary>
    public DenoiserOptions Options { get; }

    /// <summary>Time embedding.</summary>
    public TimestepEmbedding Time { get; }

    /// <summary>z-cue embedding MLP(1 → d → d).</summary>
    public Mlp Cue { get; }

    /// <summary>State embedding Linear(1 → d) of x_t.</summary>
    public Linear State { get; }

    /// <summary>Node input Linear(d → d).</summary>
    public Linear NodeInput { get; }

    /// <summary>FiLM of the initial edge features from z_emb (zero initialised).</summary>
    public Linear Film { get; }

    /// <summary>LayerNorm of the FiLM.</summary>
    public LayerNorm FilmNorm { get; }

    /// <summary>Message-passing layers.</summary>
    public IReadOnlyList<HypergraphMessagePassing> Layers => _layers;

    /// <summary>LayerNorm after message passing.</summary>
    public LayerNorm EdgeNorm { get; }

    /// <summary>Per-frame edge self-attention.</summary>
    public EdgeSelfAttention EdgeAttention { get; }

    /// <summary>Edge head.</summary>
    public HyperedgeHead Head { get; }

    /// <summary>û0 <c>[edges]</c> for state <paramref name="state"/> <c>[edges]</c> at <paramref name="timesteps"/> <c>[samples]</c>.</summary>
    public Tensor Forward(CandidateHyperedges graph, Tensor nodeFeatures, Tensor state, IReadOnlyList<int> timesteps)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timesteps);
        return new Prepared(this, graph, nodeFeatures).Predict(state, timesteps);
    }

    /// <summary>
    /// Binds the denoiser to one batch for <see cref="ProjectedDdim.Sample"/>. The parts that do not depend on the state
    /// or the timestep (index tensors, the z-cue MLP before its gate, the node input projection before its gate) are
    /// computed here once, so the sampler's 10 calls share them; the values are those of <see cref="Forward"/>.
    /// </summary>
    public IAssignmentDenoiser Bind(CandidateHyperedges graph, Tensor nodeFeatures)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        return new Prepared(this, graph, nodeFeatures);
    }

    // The state- and time-independent part of one batch, then the per-call part (3.7 steps 1-10).
    private sealed class Prepared : IAssignmentDenoiser
    {
        private readonly GcnDenoiser _model;
        private readonly CandidateHyperedges _graph;
        private readonly Tensor _edgeSample;
        private readonly Tensor _nodeSample;
        private readonly Tensor _incNode;
        private readonly Tensor _incEdge;
        private readonly Tensor _cue;
        private readonly Tensor _nodeIn;

        public Prepared(GcnDenoiser model, CandidateHyperedges graph, Tensor nodeFeatures)
        {
            int m = graph.EdgeCount, nodes = graph.NodeSlotCount, d = model.Options.Dim, perSample = graph.Views * graph.Slots;
            if (nodeFeatures.NDim != 2 || nodeFeatures.Size(0) != nodes || nodeFeatures.Size(1) != d)
            {
                throw new ArgumentException($"node features must be [{nodes}, {d}], got [{string.Join(", ", nodeFeatures.Shape)}]", nameof(nodeFeatures));
            }

            _model = model;
            _graph = graph;
            _edgeSample = Tensor.FromArray(graph.EdgeSample.ToArray(), m);

            // Node rows that are no hyperedge's member (empty slots, isolated candidates) reach no edge: every node
            // operation is row-wise and every read of a node goes through the incidence lists. Out of training (no
            // dropout, whose draws depend on the row count) only the member rows are kept, in their order; the edge
            // logits are those of all rows.
            var incidence = graph.IncidenceNode.ToArray();
            var rows = Enumerable.Range(0, nodes).ToArray();
            if (!model.Training)
            {
                var used = new bool[nodes];
                foreach (var n in incidence)
                {
                    used[n] = true;
                }

                rows = [.. rows.Where(n => used[n])];
                var compact = new int[nodes];
                for (var k = 0; k < rows.Length; k++)
                {
                    compact[rows[k]] = k;
                }

                for (var i = 0; i < incidence.Length; i++)
                {
                    incidence[i] = compact[incidence[i]];
                }

                nodeFeatures = rows.Length == nodes ? nodeFeatures : nodeFeatures.IndexSelect(0, Tensor.FromArray(rows, rows.Length));
            }

            _nodeSample = Tensor.FromArray(rows.Select(n => n / perSample).ToArray(), rows.Length);
            _incNode = Tensor.FromArray(incidence, incidence.Length);
            _incEdge = Tensor.FromArray(graph.IncidenceEdge.ToArray(), graph.IncidenceEdge.Length);
            var z = Tensor.FromArray(graph.Cue.ToArray(), m, 1).Clamp(1e-6f, 1 - 1e-6f);
            _cue = model.Cue.Forward((z / (1f - z)).Log());
            _nodeIn = model.NodeInput.Forward(nodeFeatures);
        }

        public Tensor PredictCleanLogits(Tensor state, IReadOnlyList<int> timesteps) => Predict(state, timesteps);

        public Tensor Predict(Tensor state, IReadOnlyList<int> timesteps)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentNullException.ThrowIfNull(timesteps);
            var graph = _graph;
            var model = _model;
            var m = graph.EdgeCount;
            if (timesteps.Count != graph.Samples)
            {
                throw new ArgumentException($"expected {graph.Samples} timesteps (one per sample), got {timesteps.Count}", nameof(timesteps));
            }

            var gates = new float[graph.Samples];
            for (var b = 0; b < gates.Length; b++)
            {
                gates[b] = (float)Math.Sqrt(1 - model._schedule.AlphaBar(timesteps[b]));
            }

            var gate = Tensor.FromArray(gates, graph.Samples, 1);
            var tEmb = model.Time.Forward(timesteps);
            Tensor tEdge = tEmb.IndexSelect(0, _edgeSample), tNode = tEmb.IndexSelect(0, _nodeSample);
            Tensor sEdge = gate.IndexSelect(0, _edgeSample), sNode = gate.IndexSelect(0, _nodeSample);

            var zEmb = _cue * sEdge;
            var hW = model.State.Forward(state.Reshape(m, 1));
            var he = hW + tEdge;
            var hn = (_nodeIn * sNode) + tNode;
            var film = model.Film.Forward(zEmb).Chunk(2, -1);
            he = (model.FilmNorm.Forward(he) * (film[0] + 1f)) + film[1];
            var edgeCondition = tEdge + zEmb;
            foreach (var layer in model._layers)
            {
                he += hW;
                (hn, he) = layer.Forward(hn, he, tEmb, _nodeSample, edgeCondition, _incNode, _incEdge);
            }

            he = model.EdgeAttention.Forward(model.EdgeNorm.Forward(he), graph.EdgeSample, graph.Samples);
            return model.Head.Forward(hn, he, _incNode, _incEdge);
        }
    }
}
