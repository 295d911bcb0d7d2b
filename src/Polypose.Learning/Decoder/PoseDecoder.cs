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
        ArgumentNullException.ThrowIfNull(input);
        int s = input.Views.Samples, n = Config.Slots, j = TPosePrior.JointCount, p = n * j;
        if (!input.Roots.Shape.SequenceEqual([s, n, 3]) || !input.SlotMask.Shape.SequenceEqual([s, n]) || input.SlotMask.DType != DType.Bool)
        {
            throw new ArgumentException($"roots must be [{s}, {n}, 3] and the slot mask bool [{s}, {n}], got [{string.Join(", ", input.Roots.Shape)}] and [{string.Join(", ", input.SlotMask.Shape)}]", nameof(input));
        }

        if (input.Levels.Count != 3 || input.Levels.Any(l => l.NDim != 4 || l.Size(0) != s * input.Views.Views || l.Size(1) != Config.FeatureChannels))
        {
            throw new ArgumentException($"expected 3 feature levels [{s * input.Views.Views}, {Config.FeatureChannels}, H, W]", nameof(input));
        }

        var roots = Tensor.Where(input.SlotMask.Unsqueeze(-1).Expand(s, n, 3), input.Roots.Detach(), 0f);
        var prior = TPosePrior.Place(roots);
        var tokenMask = input.SlotMask.To(DType.Float32).Unsqueeze(-1).Expand(s, n, j).Reshape(s, p);
        var (query, target0) = Embeddings.QueryAndTarget();
        var target = target0.Unsqueeze(0).Expand(s, p, Config.Dim);
        var poses = prior.Reshape(s, p, 3);
        var outputs = new DecoderLayerOutput[_layers.Length];
        for (var l = 0; l < _layers.Length; l++)
        {
            (target, outputs[l]) = _layers[l].Forward(target, query, poses, tokenMask, input, Embeddings);
            poses = outputs[l].Poses.Detach().Reshape(s, p, 3);
        }

        return new DecoderOutput(prior, input.SlotMask, outputs);
    }

    /// <summary>
    /// Inference: the same computation without autograd recording (call <see cref="Module.Eval"/> first so that dropout
    /// is off).
    /// </summary>
    public DecoderOutput Infer(DecoderInput input)
    {
        using var _ = Tensor.NoGrad();
        return Forward(input);
    }
}
