using System.Text.Json;
using System.Text.Json.Serialization;
using Polypose.Core.Options;
using Polypose.Learning.Attention;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The sizes of the DisPOSE Stage II decoder (dispose.md 4.2, learning.md 4). <see cref="Reference"/>: d = 256, 4 layers,
/// deformable attention 8 heads × 8 points over 3 levels of 256-channel features (no level projection), d_ffn 1024,
/// dropout 0.1, offsets bounded by 0.15·max(W_in, H_in), hypergraph convolutions with 4 heads, a 128-wide geometric
/// embedding with a 64-wide view-count sinusoid, attention modes [[node, node], [edge, edge], [node, node], [edge, edge]].
/// <see cref="Cpu"/>: d = 64, 3 layers, 4 heads × 4 points over the CPU evidence encoder's 16 channels (projected to d
/// by a learned 1×1 projection), d_ffn 256, geometric embedding 32. <see cref="SpaceCorner"/> and
/// <see cref="SpaceSize"/> (mm, world z-up) define the box that position inputs are normalised into. Every value is
/// checked on init; the cross-checks (d a multiple of the heads, one mode pair per layer) when a decoder is built.
/// </summary>
public sealed record Stage2Config
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The reference configuration.</summary>
    public static Stage2Config Reference { get; } = new() { Name = "reference" };

    /// <summary>The CPU configuration.</summary>
    public static Stage2Config Cpu { get; } = new()
    {
        Name = "cpu",
        Dim = 64,
        Layers = 3,
        AttentionHeads = 4,
        AttentionPoints = 4,
        FeatureChannels = 16,
        FfnDim = 256,
        GeometryDim = 32,
        Modes = AlternatingModes(3),
    };

    /// <summary>A short name ("reference", "cpu" or a user's).</summary>
    public string Name { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", nameof(Name)) : value; } = "custom";

    /// <summary>d, the width of queries, targets and per-view features (reference 256).</summary>
    public int Dim { get; init => field = OptionCheck.InRange(value, 4, 1024, nameof(Dim)); } = 256;

    /// <summary>L, the decoder layers (reference 4).</summary>
    public int Layers { get; init => field = OptionCheck.InRange(value, 1, 16, nameof(Layers)); } = 4;

    /// <summary>N, the person slots; equal to Stage I's slots (reference 10).</summary>
    public int Slots { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(Slots)); } = 10;

    /// <summary>C, the channels of the evidence feature levels; a learned 1×1 projection maps them to d when C ≠ d (reference 256).</summary>
    public int FeatureChannels { get; init => field = OptionCheck.InRange(value, 1, 1024, nameof(FeatureChannels)); } = 256;

    /// <summary>Deformable attention heads (reference 8).</summary>
    public int AttentionHeads { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(AttentionHeads)); } = 8;

    /// <summary>Deformable attention points per head and level (reference 8).</summary>
    public int AttentionPoints { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(AttentionPoints)); } = 8;

    /// <summary>Hidden width of the target feed-forward block (reference 1024).</summary>
    public int FfnDim { get; init => field = OptionCheck.InRange(value, 1, 16384, nameof(FfnDim)); } = 1024;

    /// <summary>Dropout everywhere in the decoder, hypergraph attention included (reference 0.1).</summary>
    public double Dropout { get; init => field = OptionCheck.InRange(value, 0.0, 0.9, nameof(Dropout)); } = 0.1;

    /// <summary>Bound of the 2D offsets as a fraction of max(W_in, H_in) (reference 0.15).</summary>
    public double MaxOffset { get; init => field = OptionCheck.InRange(value, 0.0, 10.0, nameof(MaxOffset)); } = 0.15;

    /// <summary>Heads of both hypergraph convolutions (reference 4; outputs averaged over heads).</summary>
    public int HypergraphHeads { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(HypergraphHeads)); } = 4;

    /// <summary>Width of the geometric embedding of the update (reference 128).</summary>
    public int GeometryDim { get; init => field = OptionCheck.InRange(value, 1, 4096, nameof(GeometryDim)); } = 128;

    /// <summary>Width of the sinusoidal valid-view-count embedding, [sin, cos] halves (reference 64).</summary>
    public int ViewCountDim { get; init => field = value >= 2 && value % 2 == 0 && value <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(ViewCountDim), value, "must be even, in [2, 1024]"); } = 64;

    /// <summary>The attention modes per layer (reference [[node, node], [edge, edge], [node, node], [edge, edge]]).</summary>
    public IReadOnlyList<DecoderLayerModes> Modes
    {
        get;
        init => field = value is { Count: > 0 } && value.All(m => Enum.IsDefined(m.ViewJoint) && Enum.IsDefined(m.PersonPart))
            ? [.. value]
            : throw new ArgumentException("must list at least one layer's modes, each node or edge", nameof(Modes));
    } = AlternatingModes(4);

    /// <summary>Lowest corner (x, y, z) of the space box in world millimetres.</summary>
    public IReadOnlyList<double> SpaceCorner { get; init => field = Vector3(value, false, nameof(SpaceCorner)); } = [-4000, -4000, -200];

    /// <summary>Extent (x, y, z) of the space box in millimetres, each positive.</summary>
    public IReadOnlyList<double> SpaceSize { get; init => field = Vector3(value, true, nameof(SpaceSize)); } = [8000, 8000, 2400];

    /// <summary>The deformable attention sizes: d, heads, points, 3 levels of C channels, projection when C ≠ d.</summary>
    [JsonIgnore]
    public DeformableAttentionOptions Attention => new()
    {
        ModelDim = Dim,
        Heads = AttentionHeads,
        Points = AttentionPoints,
        Levels = 3,
        FeatureChannels = FeatureChannels,
        LevelProjection = FeatureChannels != Dim,
    };

    /// <summary>The configuration as one line of JSON (stored in a full model file's metadata).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses JSON written by <see cref="ToJson"/>; throws <see cref="FormatException"/> with the reason (cross-checks included).</summary>
    public static Stage2Config FromJson(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<Stage2Config>(json, Json) ?? throw new FormatException("the Stage II configuration is null");
            config.CheckConsistent();
            return config;
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message.Split('\n')[0], e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message.Split('\n')[0], e);
        }
    }

    /// <summary>[node, node], [edge, edge], ... for <paramref name="layers"/> layers (the reference pattern).</summary>
    public static DecoderLayerModes[] AlternatingModes(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        return [.. Enumerable.Range(0, layers).Select(l => l % 2 == 0
            ? new DecoderLayerModes(HypergraphAttentionMode.Node, HypergraphAttentionMode.Node)
            : new DecoderLayerModes(HypergraphAttentionMode.Edge, HypergraphAttentionMode.Edge))];
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the sizes disagree with each other.</summary>
    internal void CheckConsistent()
    {
        if (Dim % AttentionHeads != 0)
        {
            throw new ArgumentException($"Stage II Dim {Dim} is not a multiple of AttentionHeads {AttentionHeads}");
        }

        if (Modes.Count != Layers)
        {
            throw new ArgumentException($"Stage II Modes lists {Modes.Count} layers, Layers is {Layers}");
        }
    }

    private static double[] Vector3(IReadOnlyList<double> value, bool positive, string name)
    {
        if (value is not { Count: 3 })
        {
            throw new ArgumentException("must hold three values (x, y, z)", name);
        }

        foreach (var v in value)
        {
            _ = positive ? OptionCheck.Positive(v, name) : OptionCheck.Finite(v, name);
        }

        return [.. value];
    }
}
