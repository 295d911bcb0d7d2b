using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The target update of a decoder layer (dispose.md 4.2 step 9): geo = Linear(3 + 1 + c → g) → LN → GELU →
/// Linear(g → g) (last layer zero-initialised) of [normalised refined xyz, log(clamp(residual, 1e-6, 1)) (0 where the
/// joint was not triangulated), the view-count sinusoid (c wide)]; target += Dropout(Linear(d + g → d)([LN(features),
/// geo])); target += Mlp(LN(target)) (d → d_ffn → d, GELU, dropout). Shapes <c>[S, P, ·]</c>.
/// </summary>
public sealed class GeometricUpdate : Module
{
    private readonly Dropout _dropout;
    private readonly int _countDim;

    /// <summary>Creates the block.</summary>
    public GeometricUpdate(Stage2Config config, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        int d = config.Dim, g = config.GeometryDim;
        _countDim = config.ViewCountDim;
        var p = (float)config.Dropout;
        GeoIn = RegisterModule("geo_in", new Linear(4 + _countDim, g, generator));
        GeoNorm = RegisterModule("geo_norm", new LayerNorm(g));
        GeoOut = RegisterModule("geo_out", new Linear(g, g, generator));
        Init.Zeros(GeoOut.Weight);
        Init.Zeros(GeoOut.Bias!);
        FeatureNorm = RegisterModule("feature_norm", new LayerNorm(d));
        Fuse = RegisterModule("fuse", new Linear(d + g, d, generator));
        _dropout = RegisterModule("dropout", new Dropout(p, generator));
        FfnNorm = RegisterModule("ffn_norm", new LayerNorm(d));
        Ffn = RegisterModule("ffn", new Mlp(d, [config.FfnDim, d], generator, Activation.Gelu, p));
    }

    /// <summary>First geometric layer.</summary>
    public Linear GeoIn { get; }

    /// <summary>LN of the geometric embedding.</summary>
    public LayerNorm GeoNorm { get; }

    /// <summary>Last geometric layer (zero at init).</summary>
    public Linear GeoOut { get; }

    /// <summary>LN of the aggregated features.</summary>
    public LayerNorm FeatureNorm { get; }

    /// <summary>Linear(d + g → d).</summary>
    public Linear Fuse { get; }

    /// <summary>LN before the feed-forward block.</summary>
    public LayerNorm FfnNorm { get; }

    /// <summary>The feed-forward block.</summary>
    public Mlp Ffn { get; }

    /// <summary>
    /// The updated target <c>[S, P, d]</c> from <paramref name="target"/>, the aggregated <paramref name="features"/>
    /// <c>[S, P, d]</c>, the normalised refined positions <c>[S, P, 3]</c>, residuals and triangulated flags
    /// <c>[S, P]</c> (0/1) and valid-view counts <c>[S, P]</c>.
    /// </summary>
    public Tensor Forward(Tensor target, Tensor features, Tensor normalizedPoses, Tensor residuals, Tensor triangulated, Tensor viewCounts)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(triangulated);
        var logResidual = (residuals.Clamp(1e-6f, 1f).Log() * triangulated).Unsqueeze(-1);
        var geoInput = Tensor.Cat([normalizedPoses, logResidual, ViewCountEmbedding.Embed(viewCounts, _countDim)], -1);
        var geo = GeoOut.Forward(GeoNorm.Forward(GeoIn.Forward(geoInput)).Gelu());
        target += _dropout.Forward(Fuse.Forward(Tensor.Cat([FeatureNorm.Forward(features), geo], -1)));
        return target + Ffn.Forward(FfnNorm.Forward(target));
    }
}
