using Polypose.Core.Options;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Sizes of the Stage I denoiser (DisPOSE 3.7). Reference: d = 192, 2 message-passing layers, 4 heads, dropout 0.1,
/// FFN width 4·d. The CPU configuration narrows <see cref="Dim"/>.
/// </summary>
public sealed record DenoiserOptions
{
    private readonly int _dim = 192;
    private readonly int _layers = 2;
    private readonly int _heads = 4;
    private readonly double _dropout = 0.1;

    /// <summary>The reference configuration (DisPOSE 3.7): d = 192, 2 layers, 4 heads, dropout 0.1.</summary>
    public static DenoiserOptions Reference { get; } = new();


    /// <summary>d, the width of node and edge features (even; a multiple of <see cref="Heads"/>).</summary>
    public int Dim
    {
        get => _dim;
        init => _dim = OptionCheck.AtLeast(value, 2, nameof(Dim));
    }

    /// <summary>Hypergraph message-passing layers.</summary>
    public int Layers
    {
        get => _layers;
        init => _layers = OptionCheck.AtLeast(value, 0, nameof(Layers));
    }

    /// <summary>Attention heads of message passing and of the per-frame edge self-attention.</summary>
    public int Heads
    {
        get => _heads;
        init => _heads = OptionCheck.AtLeast(value, 1, nameof(Heads));
    }

    /// <summary>Dropout probability (attention, FFN and head MLPs).</summary>
    public double Dropout
    {
        get => _dropout;
        init => _dropout = OptionCheck.InRange(value, 0.0, 0.9, nameof(Dropout));
    }
}
