using Polypose.Core.Options;

namespace Polypose.Learning.Attention;

/// <summary>
/// Sizes of <see cref="ProjectiveDeformableAttention"/> (DisPOSE 3.3). Reference Stage I: d = 192, 8 heads, 8 points,
/// 3 levels of 256-channel features each reduced by a learned 1×1 projection; Stage II: d = 256 and no projection
/// (<see cref="FeatureChannels"/> = <see cref="ModelDim"/>, <see cref="LevelProjection"/> false).
/// </summary>
public sealed record DeformableAttentionOptions
{
    private readonly int _modelDim = 192;
    private readonly int _heads = 8;
    private readonly int _points = 8;
    private readonly int _levels = 3;
    private readonly int _featureChannels = 256;

    /// <summary>The reference Stage I configuration (DisPOSE 3.3): d = 192, 8 heads × 8 points, 3 levels of 256 channels.</summary>
    public static DeformableAttentionOptions Reference { get; } = new();


    /// <summary>d, the width of queries, values and the output.</summary>
    public int ModelDim
    {
        get => _modelDim;
        init => _modelDim = OptionCheck.AtLeast(value, 1, nameof(ModelDim));
    }

    /// <summary>Attention heads; must divide <see cref="ModelDim"/>.</summary>
    public int Heads
    {
        get => _heads;
        init => _heads = OptionCheck.AtLeast(value, 1, nameof(Heads));
    }

    /// <summary>Sampling points per head and level.</summary>
    public int Points
    {
        get => _points;
        init => _points = OptionCheck.AtLeast(value, 1, nameof(Points));
    }

    /// <summary>Feature levels L.</summary>
    public int Levels
    {
        get => _levels;
        init => _levels = OptionCheck.AtLeast(value, 1, nameof(Levels));
    }

    /// <summary>C, channels of every feature level.</summary>
    public int FeatureChannels
    {
        get => _featureChannels;
        init => _featureChannels = OptionCheck.AtLeast(value, 1, nameof(FeatureChannels));
    }

    /// <summary>Whether each level first goes through a learned 1×1 projection C → d (Stage I: yes).</summary>
    public bool LevelProjection { get; init; } = true;
}
