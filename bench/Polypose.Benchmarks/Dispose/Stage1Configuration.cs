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
    /// <summary>DisPOSE's sizes (3.3, 3.7): Shelf input 800×608, stride 4 (200×152 heatmaps), C = 256, d = 192, 8 heads × 8 points.</summary>
    public static Stage1Configuration Reference { get; } = new(
        "reference",
        new EvidenceGrid { InputWidth = 800, InputHeight = 608, Stride = 4 },
        DeformableAttentionOptions.Reference.FeatureChannels,
        DeformableAttentionOptions.Reference,
        DenoiserOptions.Reference);

    /// <summary>The CPU sizes (chosen by measurement, see BENCHMARKS.md): stride 16 (50×38 heatmaps), C = 16, d = 32, 4 heads × 4 points.</summary>
    public static Stage1Configuration Cpu { get; } = new(
        "cpu",
        new EvidenceGrid { InputWidth = 800, InputHeight = 608, Stride = 16 },
        DeformableAttentionOptions.Cpu.FeatureChannels,
        DeformableAttentionOptions.Cpu,
        DenoiserOptions.Cpu);

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
