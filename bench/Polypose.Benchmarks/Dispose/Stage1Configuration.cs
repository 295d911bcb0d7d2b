using Polypose.Learning;
using Polypose.Learning.Assignment;
using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// One Stage I size for <c>bench dispose</c>: the evidence grid (Shelf 1032×776 letterboxed to the input, heatmap =
/// input / stride), the evidence encoder width C, the deformable attention and the denoiser.
/// </summary>
internal sealed record Stage1Configuration(string Name, EvidenceGrid Grid, int EncoderChannels, DeformableAttentionOptions Attention, DenoiserOptions Denoiser)
{
    /// <summary>DisPOSE's sizes (3.3, 3.7), as the model files store them: <see cref="Stage1Config.Reference"/>.</summary>
    public static Stage1Configuration Reference { get; } = From(Stage1Config.Reference);

    /// <summary>The CPU sizes the shipped model (models/stage1-cpu) was trained with: <see cref="Stage1Config.Cpu"/>.</summary>
    public static Stage1Configuration Cpu { get; } = From(Stage1Config.Cpu);

    /// <summary>The sizes of a model configuration (the one place they are defined).</summary>
    public static Stage1Configuration From(Stage1Config config) =>
        new(config.Name, config.Grid, config.FeatureChannels, config.Attention, config.Denoiser) { Basis = config };

    /// <summary>The model configuration these sizes came from (sizes of a variant not yet applied: see <see cref="ToStage1Config"/>).</summary>
    public Stage1Config Basis { get; init; } = Stage1Config.Cpu;

    /// <summary>The model configuration with this variant's sizes (for a <see cref="Stage1Model"/> of these sizes).</summary>
    public Stage1Config ToStage1Config() => Basis with
    {
        Name = Name,
        InputWidth = Grid.InputWidth,
        InputHeight = Grid.InputHeight,
        Stride = Grid.Stride,
        FeatureChannels = EncoderChannels,
        Dim = Denoiser.Dim,
        AttentionHeads = Attention.Heads,
        AttentionPoints = Attention.Points,
        DenoiserHeads = Denoiser.Heads,
        DenoiserLayers = Denoiser.Layers,
    };

    /// <summary>The same configuration with another denoiser/attention width d (heads kept), for the sweep of <c>--dims</c>.</summary>
    public Stage1Configuration WithDim(int dim) => this with
    {
        Name = $"{Name}-d{dim}",
        Attention = Attention with { ModelDim = dim },
        Denoiser = Denoiser with { Dim = dim },
    };

    /// <summary>The same configuration with another heatmap stride and encoder width.</summary>
    public Stage1Configuration WithEvidence(int stride, int channels) => this with
    {
        Name = $"{Name}-s{stride}c{channels}",
        Grid = Grid with { Stride = stride },
        EncoderChannels = channels,
        Attention = Attention with { FeatureChannels = channels },
    };
}
