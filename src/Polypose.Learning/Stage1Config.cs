using System.Text.Json;
using System.Text.Json.Serialization;
using Polypose.Core.Options;
using Polypose.Learning.Assignment;
using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;
using Polypose.Learning.Training;

namespace Polypose.Learning;

/// <summary>
/// The configuration of a DisPOSE Stage I model (learning.md 4, dispose.md 2.3, 3.3-3.8, 5.2, 9), stored as JSON in
/// the model file's metadata: evidence grid, root candidates, widths of the evidence encoder, deformable attention and
/// denoiser, the candidate and quirk choices, and the training schedule. <see cref="Reference"/> is the reference
/// configuration (960×512 input, stride 4, d = 192, 8 heads × 8 points, feature width 256, 2 layers of 4 heads, Adam
/// 3e-4 with 1000 warm-up steps of 25,000, batch 2 × 3 augmentation slots); <see cref="Cpu"/> the CPU configuration
/// (480×256 input → 120×64 heatmaps, d = 48, 4 heads × 4 points, feature width 16). Every value is checked on init.
/// </summary>
public sealed record Stage1Config
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The reference configuration.</summary>
    public static Stage1Config Reference { get; } = new() { Name = "reference" };

    /// <summary>The CPU configuration.</summary>
    public static Stage1Config Cpu { get; } = new()
    {
        Name = "cpu",
        InputWidth = 480,
        InputHeight = 256,
        AlignRadius = 4,
        FeatureChannels = 16,
        Dim = 48,
        AttentionHeads = 4,
        AttentionPoints = 4,
        DenoiserHeads = 4,
        LearningRate = 1e-3,
        WarmupSteps = 100,
        Steps = 3000,
        BatchFrames = 2,
        AugmentSlots = 1,
    };

    /// <summary>A short name ("reference", "cpu" or a user's).</summary>
    public string Name { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", nameof(Name)) : value; } = "custom";

    /// <summary>Letterboxed network input width W_in (px).</summary>
    public int InputWidth { get; init => field = OptionCheck.InRange(value, 16, 4096, nameof(InputWidth)); } = 960;

    /// <summary>Letterboxed network input height H_in (px).</summary>
    public int InputHeight { get; init => field = OptionCheck.InRange(value, 16, 4096, nameof(InputHeight)); } = 512;

    /// <summary>Input pixels per heatmap pixel (reference 4).</summary>
    public int Stride { get; init => field = OptionCheck.InRange(value, 1, 16, nameof(Stride)); } = 4;

    /// <summary>N, the root candidate slots per view and the person capacity (reference 10).</summary>
    public int Slots { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(Slots)); } = 10;

    /// <summary>Root candidates at or below this heatmap value are empty slots (reference 0.2).</summary>
    public double RootThreshold { get; init => field = OptionCheck.InRange(value, 0.0, 1.0, nameof(RootThreshold)); } = 0.2;

    /// <summary>Candidates farther than this (heatmap px) from a pseudo-label root get no identity (reference 8 at a 240-px-wide heatmap).</summary>
    public double AlignRadius { get; init => field = OptionCheck.Positive(value, nameof(AlignRadius)); } = 8;

    /// <summary>C, the width of the evidence encoder's three levels (reference backbone taps: 256).</summary>
    public int FeatureChannels { get; init => field = OptionCheck.InRange(value, 1, 1024, nameof(FeatureChannels)); } = 256;

    /// <summary>d, the width of node features (deformable attention) and of the denoiser (reference 192).</summary>
    public int Dim { get; init => field = OptionCheck.InRange(value, 2, 1024, nameof(Dim)); } = 192;

    /// <summary>Deformable attention heads (reference 8).</summary>
    public int AttentionHeads { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(AttentionHeads)); } = 8;

    /// <summary>Deformable attention points per head and level (reference 8).</summary>
    public int AttentionPoints { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(AttentionPoints)); } = 8;

    /// <summary>Message-passing layers of the denoiser (reference 2).</summary>
    public int DenoiserLayers { get; init => field = OptionCheck.InRange(value, 0, 16, nameof(DenoiserLayers)); } = 2;

    /// <summary>Heads of the denoiser's message passing and edge self-attention (reference 4).</summary>
    public int DenoiserHeads { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(DenoiserHeads)); } = 4;

    /// <summary>Dropout of the denoiser (reference 0.1).</summary>
    public double Dropout { get; init => field = OptionCheck.InRange(value, 0.0, 0.9, nameof(Dropout)); } = 0.1;

    /// <summary>Denoiser calls of the DDIM sampler (reference 10).</summary>
    public int SamplerCalls { get; init => field = OptionCheck.InRange(value, 1, 100, nameof(SamplerCalls)); } = 10;

    /// <summary>The pair pre-filter bound of candidate generation.</summary>
    public PairwiseBound PairwiseBound { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(PairwiseBound)); } = PairwiseBound.HyperedgeBound;

    /// <summary>Training-time jitter of candidates (quirk 11.5).</summary>
    public CandidateNoise CandidateNoise { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(CandidateNoise)); } = CandidateNoise.Unbiased;

    /// <summary>Empty-graph batches (quirk 11.18).</summary>
    public EmptyGraphLoss EmptyGraph { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(EmptyGraph)); } = EmptyGraphLoss.SkipStageLoss;

    /// <summary>Unclaimed detections in training (quirk 11.4).</summary>
    public DistractorNodes Distractors { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Distractors)); } = DistractorNodes.Keep;

    /// <summary>
    /// The root rendered for detections without hips (<see cref="RenderedRoot"/>): <see cref="RootFallback.Hips"/> (the
    /// reference, and what model files written without this field read as) or <see cref="RootFallback.Torso"/>.
    /// </summary>
    public RootFallback RootFallback { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(RootFallback)); } = RootFallback.Hips;

    /// <summary>View-dropout probability per person seen in more than two views (reference 0.2).</summary>
    public double ViewDropout { get; init => field = OptionCheck.InRange(value, 0.0, 1.0, nameof(ViewDropout)); } = 0.2;

    /// <summary>Peak learning rate of Adam (reference 3e-4).</summary>
    public double LearningRate { get; init => field = OptionCheck.InRange(value, 1e-8, 1.0, nameof(LearningRate)); } = 3e-4;

    /// <summary>Floor of the cosine decay (reference 1e-6).</summary>
    public double MinLearningRate { get; init => field = OptionCheck.InRange(value, 0.0, 1.0, nameof(MinLearningRate)); } = 1e-6;

    /// <summary>Linear warm-up steps (reference 1000).</summary>
    public int WarmupSteps { get; init => field = OptionCheck.InRange(value, 0, 10_000_000, nameof(WarmupSteps)); } = 1000;

    /// <summary>Training steps = cosine T_max (reference 25,000).</summary>
    public int Steps { get; init => field = OptionCheck.InRange(value, 1, 10_000_000, nameof(Steps)); } = 25_000;

    /// <summary>Frames per batch, drawn from one sequence (one rig) (reference 2 per GPU).</summary>
    public int BatchFrames { get; init => field = OptionCheck.InRange(value, 1, 64, nameof(BatchFrames)); } = 2;

    /// <summary>A, augmentation slots per frame: slot 0 the identity, the others a random rotation (reference 3).</summary>
    public int AugmentSlots { get; init => field = OptionCheck.InRange(value, 1, 16, nameof(AugmentSlots)); } = 3;

    /// <summary>Largest rotation (degrees) of an augmentation slot's letterbox affine.</summary>
    public double AugmentRotation { get; init => field = OptionCheck.InRange(value, 0.0, 180.0, nameof(AugmentRotation)); } = 15;

    /// <summary>
    /// Largest relative change of the letterbox scale of an augmentation slot a ≥ 1, drawn per view as 1 + U(−s, s)
    /// (0: none, Stage I's default; the reference changes scale by +U(0.1, 0.35) or −U(0.1, 0.35)/2, dispose.md 6.5).
    /// </summary>
    public double AugmentScale { get; init => field = OptionCheck.InRange(value, 0.0, 0.9, nameof(AugmentScale)); }

    /// <summary>
    /// Largest shift of the letterbox centre of an augmentation slot a ≥ 1, as a fraction of the image width and height,
    /// drawn per view and axis as U(−s, s) (0: none, Stage I's default).
    /// </summary>
    public double AugmentShift { get; init => field = OptionCheck.InRange(value, 0.0, 0.5, nameof(AugmentShift)); }

    /// <summary>Gradient clipping norm (reference 1.1).</summary>
    public double GradientClip { get; init => field = OptionCheck.Positive(value, nameof(GradientClip)); } = 1.1;

    /// <summary>λ of X_Loss (reference 0.5).</summary>
    public double XLossWeight { get; init => field = OptionCheck.NonNegative(value, nameof(XLossWeight)); } = 0.5;

    /// <summary>λ of U_Loss (reference 0.25).</summary>
    public double ULossWeight { get; init => field = OptionCheck.NonNegative(value, nameof(ULossWeight)); } = 0.25;

    /// <summary>Steps between checkpoints.</summary>
    public int CheckpointEvery { get; init => field = OptionCheck.InRange(value, 1, 10_000_000, nameof(CheckpointEvery)); } = 100;

    /// <summary>The evidence grid.</summary>
    [JsonIgnore]
    public EvidenceGrid Grid => new() { InputWidth = InputWidth, InputHeight = InputHeight, Stride = Stride };

    /// <summary>The heatmap width W_hm.</summary>
    [JsonIgnore]
    public int HeatmapWidth => InputWidth / Stride;

    /// <summary>The heatmap height H_hm.</summary>
    [JsonIgnore]
    public int HeatmapHeight => InputHeight / Stride;

    /// <summary>The renderer of this model's evidence (σ 2, <see cref="RootFallback"/>).</summary>
    [JsonIgnore]
    public HeatmapRenderer Renderer => new() { RootFallback = RootFallback };

    /// <summary>The root candidate extractor.</summary>
    [JsonIgnore]
    public RootCandidateExtractor Extractor => new() { Slots = Slots, Threshold = RootThreshold };

    /// <summary>The deformable attention sizes (Stage I: with level projection).</summary>
    [JsonIgnore]
    public DeformableAttentionOptions Attention => new() { ModelDim = Dim, Heads = AttentionHeads, Points = AttentionPoints, Levels = 3, FeatureChannels = FeatureChannels };

    /// <summary>The denoiser sizes.</summary>
    [JsonIgnore]
    public DenoiserOptions Denoiser => new() { Dim = Dim, Layers = DenoiserLayers, Heads = DenoiserHeads, Dropout = Dropout };

    /// <summary>The configuration as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses JSON written by <see cref="ToJson"/> (or by hand); throws <see cref="FormatException"/> with the reason.</summary>
    public static Stage1Config FromJson(string json)
    {
        try
        {
            var config = JsonSerializer.Deserialize<Stage1Config>(json, Json) ?? throw new FormatException("the configuration is null");
            return config.Dim % config.AttentionHeads != 0 || config.Dim % config.DenoiserHeads != 0 || config.Dim % 2 != 0
                ? throw new FormatException($"Dim {config.Dim} must be even and a multiple of AttentionHeads ({config.AttentionHeads}) and DenoiserHeads ({config.DenoiserHeads})")
                : config;
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

    /// <summary>"cpu", "reference", or a JSON file (the built-in names win).</summary>
    public static Stage1Config Resolve(string nameOrFile)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        return nameOrFile switch
        {
            "cpu" => Cpu,
            "reference" => Reference,
            _ => FromJson(File.ReadAllText(nameOrFile)),
        };
    }
}
