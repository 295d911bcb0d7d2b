using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Assignment;

/// <summary>
/// The edge head of the denoiser (DisPOSE 3.7 step 10, <c>HyperEdgeHead</c>): member nodes through MLP(d → d → d,
/// SiLU, dropout) and mean-pooled per edge; FiLM from the edge feature (Linear(d → 2d), SiLU, Linear(2d → 2d) zero
/// initialised → γ, β) gives (1 + γ)·mean + β; a set MLP(d → d → d); the classifier Linear(2d → 1) (weights
/// N(0, 1e-3), bias 0) over [set feature, edge feature] gives the clean logit û0. Nodes <c>[nodes, d]</c>, edges
/// <c>[edges, d]</c> → <c>[edges]</c>.
/// </summary>
public sealed class HyperedgeHead : Module
{
    /// <summary>Creates the head.</summary>
    public HyperedgeHead(int dim, double dropout, Generator generator)
    {
        Member = RegisterModule("member_mlp", new Mlp(dim, [dim, dim], generator, Activation.Silu, (float)dropout));
        FilmIn = RegisterModule("film_in", new Linear(dim, 2 * dim, generator));
        FilmOut = RegisterModule("film_out", new Linear(2 * dim, 2 * dim, generator));
        Init.Zeros(FilmOut.Weight);
        Init.Zeros(FilmOut.Bias!);
        Set = RegisterModule("set_mlp", new Mlp(dim, [dim, dim], generator, Activation.Silu));
        Classifier = RegisterModule("classifier", new Linear(2 * dim, 1, generator));
        Init.Normal(Classifier.Weight, generator, 0, 1e-3f);
        Init.Zeros(Classifier.Bias!);
    }

    /// <summary>Member-node MLP.</summary>
    public Mlp Member { get; }

    /// <summary>FiLM first layer d → 2d.</summary>
    public Linear FilmIn { get; }

    /// <summary>FiLM second layer 2d → 2d (γ, β), zero initialised.</summary>
    public Linear FilmOut { get; }

    /// <summary>Set MLP over the modulated mean.</summary>
    public Mlp Set { get; }

    /// <summary>Linear(2d → 1).</summary>
    public Linear Classifier { get; }

    /// <summary>û0 per edge.</summary>
    public Tensor Forward(Tensor nodes, Tensor edges, Tensor incidenceNode, Tensor incidenceEdge)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var m = edges.Size(0);
        var mean = Member.Forward(nodes).IndexSelect(0, incidenceNode).SegmentMean(incidenceEdge, m);
        var film = FilmOut.Forward(FilmIn.Forward(edges).Silu()).Chunk(2, -1);
        var modulated = (mean * (film[0] + 1f)) + film[1];
        return Classifier.Forward(Tensor.Cat([Set.Forward(modulated), edges], -1)).Reshape(m);
    }
}
