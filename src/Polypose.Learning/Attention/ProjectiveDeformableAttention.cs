using Polypose.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;

namespace Polypose.Learning.Attention;

/// <summary>
/// Multi-scale deformable attention at projected reference points (DisPOSE 3.3, <c>ProjAttn</c>), reused by Stage II
/// with another width and an added query. For every query (a candidate, or a projected joint) with reference point
/// p = (x/W, y/H) ∈ [0, 1]² on images <c>[B, C, H_l, W_l]</c> (l = 0..L−1):
/// <list type="number">
/// <item>q_l = bilinear sample of level l's (projected) feature at p (align_corners false, zero padding, grid clamped to
/// ±1.1), plus the external query when given;</item>
/// <item>per head h and point k, an offset Linear(d → heads·points·2)(q_l) in pixels of level l and a weight
/// Linear(d → heads·points)(q_l), softmax over the L·points (level, point) pairs of each head;</item>
/// <item>the value Linear(d → d) of the projected feature, sampled at p + offset (pixel = loc·size − 0.5, zero outside),
/// weighted and summed per head, then Linear(d → d) over the concatenated heads.</item>
/// </list>
/// Computed from the samples (learning.md 4): bilinear sampling and the linear maps commute, except that a bias is
/// scaled by the in-image part of the bilinear weights, so the raw C-channel features are sampled at the few points and
/// the composed projection W_v·W_c (bias W_v·b_c + b_v, times that in-image weight) is applied to the weighted samples.
/// No feature map is ever projected whole. Shapes: levels <c>[B, C, H_l, W_l]</c>, reference <c>[B, Q, 2]</c>, query
/// <c>[B, Q, d]</c>, output <c>[B, Q, d]</c>.
/// </summary>
public sealed class ProjectiveDeformableAttention : Module
{
    private readonly Linear[] _levelProjection;

    /// <summary>Creates the module with the reference initialisation (offsets and weights zero, offset bias a ring of
    /// directions scaled by point index + 1, Xavier value and output projections with zero bias).</summary>
    public ProjectiveDeformableAttention(DeformableAttentionOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        if (options.ModelDim % options.Heads != 0)
        {
            throw new ArgumentException($"ModelDim {options.ModelDim} is not a multiple of Heads {options.Heads}", nameof(options));
        }

        if (!options.LevelProjection && options.FeatureChannels != options.ModelDim)
        {
            throw new ArgumentException($"without LevelProjection the features must have ModelDim = {options.ModelDim} channels, not {options.FeatureChannels}", nameof(options));
        }

        Options = options;
        int d = options.ModelDim, h = options.Heads, k = options.Points;
        _levelProjection = options.LevelProjection
            ? [.. Enumerable.Range(0, options.Levels).Select(l => RegisterModule($"level_proj_{l}", new Linear(options.FeatureChannels, d, generator)))]
            : [];
        SamplingOffsets = RegisterModule("sampling_offsets", new Linear(d, h * k * 2, generator));
        AttentionWeights = RegisterModule("attention_weights", new Linear(d, h * k, generator));
        ValueProjection = RegisterModule("value_proj", new Linear(d, d, generator));
        OutputProjection = RegisterModule("output_proj", new Linear(d, d, generator));

        Init.Zeros(SamplingOffsets.Weight);
        var bias = new float[h * k * 2];
        for (var head = 0; head < h; head++)
        {
            var angle = 2 * Math.PI * head / h;
            double cx = Math.Cos(angle), cy = Math.Sin(angle);
            var norm = Math.Max(Math.Abs(cx), Math.Abs(cy));
            for (var p = 0; p < k; p++)
            {
                bias[(((head * k) + p) * 2) + 0] = (float)(cx / norm * (p + 1));
                bias[(((head * k) + p) * 2) + 1] = (float)(cy / norm * (p + 1));
            }
        }

        SamplingOffsets.Bias!.CopyInPlace(Tensor.FromArray(bias, h * k * 2));
        Init.Zeros(AttentionWeights.Weight);
        Init.Zeros(AttentionWeights.Bias!);
        Init.XavierUniform(ValueProjection.Weight, generator);
        Init.Zeros(ValueProjection.Bias!);
        Init.XavierUniform(OutputProjection.Weight, generator);
        Init.Zeros(OutputProjection.Bias!);
    }

    /// <summary>The sizes.</summary>
    public DeformableAttentionOptions Options { get; }

    /// <summary>Linear(d → heads·points·2): offsets in pixels of the level, layout <c>[heads, points, (x, y)]</c>.</summary>
    public Linear SamplingOffsets { get; }

    /// <summary>Linear(d → heads·points): attention logits, layout <c>[heads, points]</c>.</summary>
    public Linear AttentionWeights { get; }

    /// <summary>Linear(d → d): the value projection (applied after the level projection).</summary>
    public Linear ValueProjection { get; }

    /// <summary>Linear(d → d) over the concatenated heads.</summary>
    public Linear OutputProjection { get; }

    /// <summary>The 1×1 projection C → d of level <paramref name="level"/> (weight <c>[d, C]</c>), or null without.</summary>
    public Linear? LevelProjection(int level) => _levelProjection.Length == 0 ? null : _levelProjection[level];

    /// <summary>Attends from <paramref name="reference"/> points into <paramref name="levels"/>; see the type summary for shapes.</summary>
    public Tensor Forward(IReadOnlyList<Tensor> levels, Tensor reference, Tensor? query = null)
    {
        CheckInputs(levels, reference);
        var o = Options;

        int b = reference.Size(0), q = reference.Size(1), d = o.ModelDim, heads = o.Heads, points = o.Points, dh = d / heads;
        for (var l = 0; l < o.Levels; l++)
        {
            CheckLevel(levels, l, b);
        }

        var refGrid = (reference * 2f - 1f).Clamp(-1.1f, 1.1f).Reshape(b, q, 1, 2);
        var samples = new Tensor[o.Levels];
        var inside = new Tensor[o.Levels];
        var logits = new Tensor[o.Levels];
        for (var l = 0; l < o.Levels; l++)
        {
            var f = levels[l];
            int hl = f.Size(2), wl = f.Size(3);
            var ones = Tensor.Ones(b, 1, hl, wl);

            // q_l: the (projected) level feature at the reference point, [B, Q, d].
            var atRef = GridSampleOps.GridSample(f, refGrid).Reshape(b, o.FeatureChannels, q).Permute(0, 2, 1);
            Tensor ql;
            if (LevelProjection(l) is { } proj)
            {
                var inRef = GridSampleOps.GridSample(ones, refGrid).Reshape(b, q, 1);
                ql = Functional.Linear(atRef, proj.Weight) + (inRef * proj.Bias!);
            }
            else
            {
                ql = atRef;
            }

            if (query is not null)
            {
                ql += query;
            }

            // Sampling locations [B, Q, heads, points, 2]: reference + offset / (W_l, H_l).
            var scale = Tensor.FromArray([1f / wl, 1f / hl], 2);
            var offsets = SamplingOffsets.Forward(ql).Reshape(b, q, heads, points, 2) * scale;
            var loc = reference.Reshape(b, q, 1, 1, 2) + offsets;
            var grid = (loc * 2f - 1f).Reshape(b, q, heads * points, 2);
            samples[l] = GridSampleOps.GridSample(f, grid).Reshape(b, o.FeatureChannels, q, heads, points).Permute(0, 2, 3, 4, 1);
            inside[l] = GridSampleOps.GridSample(ones, grid).Reshape(b, q, heads, points);
            logits[l] = AttentionWeights.Forward(ql).Reshape(b, q, heads, points);
        }

        var weights = Tensor.Cat(logits, 3).Softmax(3).Split(points, 3);
        var weighted = new Tensor[o.Levels];
        var mass = new Tensor[o.Levels];
        for (var l = 0; l < o.Levels; l++)
        {
            // Weighted raw samples per head [B·Q, heads, C] and weighted in-image mass [B·Q, heads].
            weighted[l] = (samples[l] * weights[l].Unsqueeze(-1)).Sum(3).Reshape(b * q, heads, o.FeatureChannels);
            mass[l] = (inside[l] * weights[l]).Sum(3).Reshape(b * q, heads, 1);
        }

        return Project(weighted, mass, b, q);
    }

    /// <summary>
    /// The same computation as <see cref="Forward"/> for inference, without autograd (call under
    /// <see cref="Tensor.NoGrad"/>): the bilinear samples at the reference and offset points, the softmax over each
    /// head's (level, point) pairs and the weighted sums are fused loops over the sampled points only, all heads at
    /// once (<see cref="FusedDeformableSampling"/>); no sampled tensor <c>[B, C, Q, heads·points]</c> is materialised.
    /// Equal to <see cref="Forward"/> up to float rounding.
    /// </summary>
    public Tensor Infer(IReadOnlyList<Tensor> levels, Tensor reference, Tensor? query = null)
    {
        CheckInputs(levels, reference);
        if (GradMode.IsEnabled)
        {
            throw new InvalidOperationException("Infer records no gradient: call it under Tensor.NoGrad()");
        }

        var o = Options;
        int b = reference.Size(0), q = reference.Size(1), bq = b * q, d = o.ModelDim, heads = o.Heads, points = o.Points, c = o.FeatureChannels, hk = heads * points;
        var dense = new Tensor[o.Levels];
        for (var l = 0; l < o.Levels; l++)
        {
            CheckLevel(levels, l, b);
            dense[l] = levels[l].Contiguous();
        }

        var refs = reference.Contiguous().ToArray();
        var queryRows = query?.Reshape(bq, d);
        var offsets = new float[o.Levels][];
        var logits = new float[o.Levels][];
        for (var l = 0; l < o.Levels; l++)
        {
            var f = dense[l].AsSpan();
            int hl = dense[l].Size(2), wl = dense[l].Size(3);
            var atRef = new float[bq * c];
            var inRef = new float[bq];
            for (var i = 0; i < bq; i++)
            {
                var gx = Math.Clamp((refs[2 * i] * 2f) - 1f, -1.1f, 1.1f);
                var gy = Math.Clamp((refs[(2 * i) + 1] * 2f) - 1f, -1.1f, 1.1f);
                inRef[i] = FusedDeformableSampling.SampleInto(f, i / q, c, hl, wl, gx, gy, 1f, atRef.AsSpan(i * c, c));
            }

            var ql = Tensor.FromArray(atRef, bq, c);
            if (LevelProjection(l) is { } proj)
            {
                ql = Functional.Linear(ql, proj.Weight) + (Tensor.FromArray(inRef, bq, 1) * proj.Bias!);
            }

            if (queryRows is not null)
            {
                ql += queryRows;
            }

            offsets[l] = SamplingOffsets.Forward(ql).Contiguous().ToArray();
            logits[l] = AttentionWeights.Forward(ql).Contiguous().ToArray();
        }

        var weighted = new float[o.Levels][];
        var mass = new float[o.Levels][];
        for (var l = 0; l < o.Levels; l++)
        {
            weighted[l] = new float[bq * heads * c];
            mass[l] = new float[bq * heads];
        }

        Span<float> w = stackalloc float[o.Levels * points];
        for (var i = 0; i < bq; i++)
        {
            float rx = refs[2 * i], ry = refs[(2 * i) + 1];
            for (var h = 0; h < heads; h++)
            {
                var max = float.NegativeInfinity;
                for (var l = 0; l < o.Levels; l++)
                {
                    for (var k = 0; k < points; k++)
                    {
                        max = Math.Max(max, logits[l][(i * hk) + (h * points) + k]);
                    }
                }

                var total = 0f;
                for (var l = 0; l < o.Levels; l++)
                {
                    for (var k = 0; k < points; k++)
                    {
                        var e = MathF.Exp(logits[l][(i * hk) + (h * points) + k] - max);
                        w[(l * points) + k] = e;
                        total += e;
                    }
                }

                for (var l = 0; l < o.Levels; l++)
                {
                    var f = dense[l].AsSpan();
                    int hl = dense[l].Size(2), wl = dense[l].Size(3);
                    float sx = 1f / wl, sy = 1f / hl;
                    var sum = weighted[l].AsSpan(((i * heads) + h) * c, c);
                    var a = 0f;
                    for (var k = 0; k < points; k++)
                    {
                        var wk = w[(l * points) + k] / total;
                        var at = ((i * hk) + (h * points) + k) * 2;
                        var gx = ((rx + (offsets[l][at] * sx)) * 2f) - 1f;
                        var gy = ((ry + (offsets[l][at + 1] * sy)) * 2f) - 1f;
                        a += FusedDeformableSampling.SampleInto(f, i / q, c, hl, wl, gx, gy, wk, sum) * wk;
                    }

                    mass[l][(i * heads) + h] = a;
                }
            }
        }

        return Project(
            [.. weighted.Select(t => Tensor.FromArray(t, bq, heads, c))],
            [.. mass.Select(a => Tensor.FromArray(a, bq, heads, 1))],
            b,
            q);
    }

    // Σ_l (weighted samples [B·Q, heads, C] × W_v·W_c per head + in-image mass [B·Q, heads, 1] × (W_v·b_c + b_v)), then Linear(d → d).
    private Tensor Project(Tensor[] weighted, Tensor[] mass, int b, int q)
    {
        var o = Options;
        int d = o.ModelDim, heads = o.Heads, dh = d / heads;
        Tensor? sum = null;
        for (var l = 0; l < o.Levels; l++)
        {
            Tensor t = weighted[l], a = mass[l];
            Tensor wComp, bComp;
            if (LevelProjection(l) is { } proj)
            {
                wComp = ValueProjection.Weight.Matmul(proj.Weight);
                bComp = ValueProjection.Weight.Matmul(proj.Bias!.Reshape(d, 1)).Reshape(d) + ValueProjection.Bias!;
            }
            else
            {
                wComp = ValueProjection.Weight;
                bComp = ValueProjection.Bias!;
            }

            // [heads, B·Q, C] × [heads, C, dh] → [heads, B·Q, dh] → [B·Q, heads, dh].
            var perHead = t.Permute(1, 0, 2).Bmm(wComp.Reshape(heads, dh, o.FeatureChannels).Permute(0, 2, 1)).Permute(1, 0, 2);
            var term = perHead + (a * bComp.Reshape(heads, dh));
            sum = sum is null ? term : sum + term;
        }

        return OutputProjection.Forward(sum!.Reshape(b, q, d));
    }

    private void CheckInputs(IReadOnlyList<Tensor> levels, Tensor reference)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(reference);
        if (levels.Count != Options.Levels)
        {
            throw new ArgumentException($"expected {Options.Levels} feature levels, got {levels.Count}", nameof(levels));
        }

        if (reference.NDim != 3 || reference.Size(2) != 2)
        {
            throw new ArgumentException($"reference must be [B, Q, 2], got [{string.Join(", ", reference.Shape)}]", nameof(reference));
        }
    }

    private void CheckLevel(IReadOnlyList<Tensor> levels, int l, int b)
    {
        var f = levels[l];
        if (f.NDim != 4 || f.Size(0) != b || f.Size(1) != Options.FeatureChannels)
        {
            throw new ArgumentException($"level {l} must be [{b}, {Options.FeatureChannels}, H, W], got [{string.Join(", ", f.Shape)}]", nameof(levels));
        }
    }
}
