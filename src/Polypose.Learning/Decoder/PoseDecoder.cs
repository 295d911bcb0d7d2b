using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The DisPOSE Stage II pose decoder (dispose.md 4, <c>PoseRegressionNet</c> = T-pose prior + <c>GraphDecoder</c>):
/// every valid slot starts as <see cref="TPosePrior"/> at its root; L <see cref="DecoderLayer"/>s refine all N·15
/// joints across views and body parts, each receiving the previous layer's poses detached (deep supervision,
/// quirk 11.17: no gradient crosses layers through the poses; the target features do carry gradient). Input
/// <see cref="DecoderInput"/>, output <see cref="DecoderOutput"/> with shapes <c>[S, N, 15, 3]</c> etc. A frame
/// whose slot mask is all false decodes to the prior with nothing triangulated.
/// </summary>
public sealed class PoseDecoder : Module
{
    private readonly DecoderLayer[] _layers;

    /// <summary>Creates the decoder; <paramref name="generator"/> initialises it and drives its dropout.</summary>
    public PoseDecoder(Stage2Config config, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(generator);
        config.CheckConsistent();
        Config = config;
        Embeddings = RegisterModule("embeddings", new DecoderEmbeddings(config.Dim, config.Slots, generator));
        _layers = [.. Enumerable.Range(0, config.Layers).Select(l => RegisterModule($"layer_{l}", new DecoderLayer(config, config.Modes[l], generator)))];
    }

    /// <summary>The configuration.</summary>
    public Stage2Config Config { get; }

    /// <summary>The joint, instance and part embeddings.</summary>
    public DecoderEmbeddings Embeddings { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<DecoderLayer> Layers => _layers;

    /// <summary>Runs all layers with autograd recording (training); see the type summary.</summary>
    public DecoderOutput Forward(DecoderInput input)
    {
        Check(input);
        return Run(input, input.Roots, input.SlotMask, null);
    }

    /// <summary>
    /// Inference: the same computation without autograd recording (call <see cref="Module.Eval"/> first so that dropout
    /// is off). Slots never interact (every hyperedge lies within one slot), so a single-sample frame decodes only its
    /// valid slots and gives their outputs unchanged; its empty slots get the prior (poses), the prior's projection
    /// (reprojection and refined 2D), residual 0, nothing triangulated or valid. A frame without people runs no layer.
    /// </summary>
    public DecoderOutput Infer(DecoderInput input)
    {
        using var _ = Tensor.NoGrad();
        Check(input);
        if (input.Views.Samples != 1)
        {
            return Run(input, input.Roots, input.SlotMask, null);
        }

        var flags = input.SlotMask.ToBoolArray();
        var ids = Enumerable.Range(0, flags.Length).Where(i => flags[i]).Select(i => (long)i).ToArray();
        if (ids.Length == flags.Length)
        {
            return Run(input, input.Roots, input.SlotMask, null);
        }

        int n = Config.Slots, j = TPosePrior.JointCount, v = input.Views.Views;
        var prior = TPosePrior.Place(Tensor.Where(input.SlotMask.Unsqueeze(-1).Expand(1, n, 3), input.Roots, 0f));
        var priorPixels = ViewProjection.Project(input.Views, prior.Reshape(1, n * j, 3)).Pixels.Reshape(1, v, n, j, 2);
        var empty = new DecoderLayerOutput(
            prior, priorPixels, priorPixels, Tensor.Zeros(1, n, j), Tensor.Zeros(1, n, j).Gt(0f), Tensor.Zeros(1, v, n, j).Gt(0f), Tensor.Zeros(1, v, n, j));
        if (ids.Length == 0)
        {
            return new DecoderOutput(prior, input.SlotMask, [.. Enumerable.Repeat(empty, _layers.Length)]);
        }

        var index = Tensor.FromArray(ids, ids.Length);
        var compact = Run(input, input.Roots.IndexSelect(1, index), input.SlotMask.To(DType.Float32).IndexSelect(1, index).Gt(0f), index);
        Tensor Spread(Tensor part, Tensor filler, int dim)
        {
            var pieces = new Tensor[n];
            for (int slot = 0, k = 0; slot < n; slot++)
            {
                pieces[slot] = k < ids.Length && ids[k] == slot ? part.Narrow(dim, k++, 1) : filler.Narrow(dim, slot, 1);
            }

            return Tensor.Cat(pieces, dim);
        }

        var layers = compact.Layers.Select(o => new DecoderLayerOutput(
            Spread(o.Poses, empty.Poses, 1),
            Spread(o.Reprojected, empty.Reprojected, 2),
            Spread(o.Refined2D, empty.Refined2D, 2),
            Spread(o.Residuals, empty.Residuals, 1),
            Spread(o.Triangulated, empty.Triangulated, 1),
            Spread(o.ViewValid, empty.ViewValid, 2),
            Spread(o.ViewWeights, empty.ViewWeights, 2))).ToArray();
        return new DecoderOutput(prior, input.SlotMask, layers);
    }

    private void Check(DecoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int s = input.Views.Samples, n = Config.Slots;
        if (!input.Roots.Shape.SequenceEqual([s, n, 3]) || !input.SlotMask.Shape.SequenceEqual([s, n]) || input.SlotMask.DType != DType.Bool)
        {
            throw new ArgumentException($"roots must be [{s}, {n}, 3] and the slot mask bool [{s}, {n}], got [{string.Join(", ", input.Roots.Shape)}] and [{string.Join(", ", input.SlotMask.Shape)}]", nameof(input));
        }

        if (input.Levels.Count != 3 || input.Levels.Any(l => l.NDim != 4 || l.Size(0) != s * input.Views.Views || l.Size(1) != Config.FeatureChannels))
        {
            throw new ArgumentException($"expected 3 feature levels [{s * input.Views.Views}, {Config.FeatureChannels}, H, W]", nameof(input));
        }
    }

    /// <summary>The layers over the n slots of <paramref name="roots"/> <c>[S, n, 3]</c> and <paramref name="slotMask"/> <c>[S, n]</c> (slot ids <paramref name="slots"/>, or all N).</summary>
    private DecoderOutput Run(DecoderInput input, Tensor roots, Tensor slotMask, Tensor? slots)
    {
        int s = input.Views.Samples, n = roots.Size(1), j = TPosePrior.JointCount, p = n * j;
        roots = Tensor.Where(slotMask.Unsqueeze(-1).Expand(s, n, 3), roots.Detach(), 0f);
        var prior = TPosePrior.Place(roots);
        var tokenMask = slotMask.To(DType.Float32).Unsqueeze(-1).Expand(s, n, j).Reshape(s, p);
        var (query, target0) = Embeddings.QueryAndTarget(slots);
        var target = target0.Unsqueeze(0).Expand(s, p, Config.Dim);
        var poses = prior.Reshape(s, p, 3);
        var outputs = new DecoderLayerOutput[_layers.Length];
        for (var l = 0; l < _layers.Length; l++)
        {
            (target, outputs[l]) = _layers[l].Forward(target, query, poses, slotMask, tokenMask, input, Embeddings, slots);
            poses = outputs[l].Poses.Detach().Reshape(s, p, 3);
        }

        return new DecoderOutput(prior, slotMask, outputs);
    }
}
