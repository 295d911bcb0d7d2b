using Polypose.Learning.Attention;
using Polypose.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// One Stage II decoder layer (dispose.md 4.2 steps 1-10). With P = N·15 slot-major tokens:
/// <list type="number">
/// <item>project the (detached) poses <c>[S, P, 3]</c> into every view; inside = in front and within [0, W) × [0, H);
/// clamp to [−1, W − 1] × [−1, H − 1], map to input px, divide by (W_in, H_in) → p <c>[S, V, P, 2]</c>;
/// valid = inside ∧ slot mask;</item>
/// <item>cross-attention from p with the query LN(target + query) added to the sampled reference features →
/// F <c>[S, V, P, d]</c>, zero where invalid (without autograd recording: the fused
/// <see cref="ProjectiveDeformableAttention.Infer"/>);</item>
/// <item>F += position, joint and ray embeddings, re-masked;</item>
/// <item>view–joint hypergraph residual;</item>
/// <item><see cref="OffsetNet2D"/> (refined 2D, weights, gates);</item>
/// <item>weighted SVD triangulation of joints with ≥ 2 valid views (others keep their position, residual 0);</item>
/// <item><see cref="ViewAggregator"/> → <c>[S, P, d]</c>;</item>
/// <item>person–part hypergraph residual;</item>
/// <item><see cref="GeometricUpdate"/> of the target;</item>
/// <item>outputs (<see cref="DecoderLayerOutput"/>).</item>
/// </list>
/// </summary>
public sealed class DecoderLayer : Module
{
    private readonly Stage2Config _config;

    /// <summary>Creates a layer with the attention modes <paramref name="modes"/>.</summary>
    public DecoderLayer(Stage2Config config, DecoderLayerModes modes, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        int d = config.Dim;
        var p = (float)config.Dropout;
        QueryNorm = RegisterModule("query_norm", new LayerNorm(d));
        Attention = RegisterModule("attention", new ProjectiveDeformableAttention(config.Attention, generator));
        Tokens = RegisterModule("tokens", new ViewTokenEmbedding(config, generator));
        ViewJoint = RegisterModule("view_joint", new HypergraphResidual(d, config.HypergraphHeads, modes.ViewJoint, p, generator));
        Offsets = RegisterModule("offsets", new OffsetNet2D(d, config.MaxOffset, generator));
        Aggregator = RegisterModule("aggregator", new ViewAggregator(d, generator));
        PersonPart = RegisterModule("person_part", new HypergraphResidual(d, config.HypergraphHeads, modes.PersonPart, p, generator));
        Update = RegisterModule("update", new GeometricUpdate(config, generator));
    }

    /// <summary>LN of target + query.</summary>
    public LayerNorm QueryNorm { get; }

    /// <summary>The projective deformable cross-attention.</summary>
    public ProjectiveDeformableAttention Attention { get; }

    /// <summary>Position, joint and ray embeddings.</summary>
    public ViewTokenEmbedding Tokens { get; }

    /// <summary>The view–joint hypergraph residual.</summary>
    public HypergraphResidual ViewJoint { get; }

    /// <summary>The per-view 2D refinement.</summary>
    public OffsetNet2D Offsets { get; }

    /// <summary>The view fusion.</summary>
    public ViewAggregator Aggregator { get; }

    /// <summary>The person–part hypergraph residual.</summary>
    public HypergraphResidual PersonPart { get; }

    /// <summary>The target update.</summary>
    public GeometricUpdate Update { get; }

    /// <summary>
    /// Runs the layer over n decoded slots (all N, or the subset <paramref name="slots"/>, int64 <c>[n]</c>):
    /// <paramref name="target"/> <c>[S, P, d]</c>, <paramref name="query"/> <c>[P, d]</c>, <paramref name="poses"/>
    /// <c>[S, P, 3]</c> (detached, mm), <paramref name="slotMask"/> <c>[S, n]</c> (bool), <paramref name="tokenMask"/>
    /// <c>[S, P]</c> (0/1), P = n·15; the feature levels and views come from <paramref name="input"/>. Returns the new
    /// target and the layer's outputs.
    /// </summary>
    public (Tensor Target, DecoderLayerOutput Output) Forward(
        Tensor target, Tensor query, Tensor poses, Tensor slotMask, Tensor tokenMask, DecoderInput input, DecoderEmbeddings embeddings, Tensor? slots = null)
    {
        ArgumentNullException.ThrowIfNull(slotMask);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(poses);
        ArgumentNullException.ThrowIfNull(tokenMask);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(embeddings);
        var views = input.Views;
        int s = views.Samples, v = views.Views, p = poses.Size(1), d = _config.Dim, n = p / TPosePrior.JointCount, j = TPosePrior.JointCount;

        // 1. Projection, inside and valid masks, normalised reference points.
        var (pixels, front) = ViewProjection.Project(views, poses);
        var width = views.ImageSize.Select(-1, 0).Unsqueeze(-1);
        var height = views.ImageSize.Select(-1, 1).Unsqueeze(-1);
        Tensor u = pixels.Select(-1, 0), w = pixels.Select(-1, 1);
        var inside = front.LogicalAnd(u.Ge(0f)).LogicalAnd(u.Lt(width)).LogicalAnd(w.Ge(0f)).LogicalAnd(w.Lt(height));
        var clamped = Tensor.Stack([u.Maximum(Tensor.FullLike(u, -1f)).Minimum(width - 1f), w.Maximum(Tensor.FullLike(w, -1f)).Minimum(height - 1f)], -1);
        var reference = ViewProjection.Affine(views.ToInput, clamped) / Tensor.FromArray([(float)views.InputWidth, views.InputHeight], 2);
        var validBool = inside.LogicalAnd(tokenMask.Gt(0f).Unsqueeze(1).Expand(s, v, p));
        var valid = validBool.To(DType.Float32);
        var validColumn = valid.Unsqueeze(-1);

        // 2. Cross-attention with the added query.
        var q = QueryNorm.Forward(target + query);
        var qv = q.Unsqueeze(1).Expand(s, v, p, d).Reshape(s * v, p, d);
        var attended = GradMode.IsEnabled ? Attention.Forward(input.Levels, reference.Reshape(s * v, p, 2), qv) : Attention.Infer(input.Levels, reference.Reshape(s * v, p, 2), qv);
        var f = attended.Reshape(s, v, p, d) * validColumn;

        // 3. Position, joint and ray embeddings.
        f = (f + Tokens.Forward(poses, views)) * validColumn;

        // 4. View–joint hypergraph.
        var viewJoint = DecoderHypergraphs.ViewJoint(validBool);
        f = ViewJoint.Forward(f.Reshape(s * v * p, d), DecoderHypergraphs.ViewJointAttributes(embeddings, s, v, slots), viewJoint, valid.Reshape(s * v * p, 1)).Reshape(s, v, p, d);

        // 5. Offsets, weights, gates.
        var refined = Offsets.Forward(f, reference, valid, views);
        f = refined.Features;

        // 6. Weighted SVD triangulation of joints with at least two valid views.
        var counts = valid.Sum(1);
        var triangulated = counts.Ge(2f);
        var triangulatedF = triangulated.To(DType.Float32);
        var safeWeights = Tensor.Where(triangulated.Unsqueeze(1).Expand(s, v, p), refined.Weights, 1f);
        var (points, residuals) = WeightedTriangulation.Triangulate(ViewProjection.RayDirections(views, refined.Refined2D), views.Center, safeWeights);
        var newPoses = Tensor.Where(triangulated.Unsqueeze(-1).Expand(s, p, 3), points, poses);
        residuals *= triangulatedF;

        // 7. View aggregation; 8. person–part hypergraph.
        var fused = Aggregator.Forward(f, refined.Weights, valid);
        var personPart = DecoderHypergraphs.PersonPart(slotMask);
        fused = PersonPart.Forward(fused.Reshape(s * p, d), DecoderHypergraphs.PersonPartAttributes(embeddings, s, slots), personPart, tokenMask.Reshape(s * p, 1)).Reshape(s, p, d);

        // 9. Update.
        var newTarget = Update.Forward(target, fused, Tokens.Normalize(newPoses), residuals, triangulatedF, counts);

        // 10. Outputs.
        var reprojected = ViewProjection.Project(views, newPoses).Pixels;
        var output = new DecoderLayerOutput(
            newPoses.Reshape(s, n, j, 3),
            reprojected.Reshape(s, v, n, j, 2),
            refined.Refined2D.Reshape(s, v, n, j, 2),
            residuals.Reshape(s, n, j),
            triangulated.Reshape(s, n, j),
            validBool.Reshape(s, v, n, j),
            refined.Weights.Reshape(s, v, n, j));
        return (newTarget, output);
    }
}
