using Polypose.Formats;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Decoder;
using Polypose.Learning.Evidence;
using Polypose.Tensors;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Serialization;

namespace Polypose.Learning;

/// <summary>
/// The full DisPOSE model (dispose.md 1, 3, 4): Stage I (<see cref="Stage1Model"/>: evidence encoder, node attention,
/// denoiser; parameters under "stage1.") and the Stage II <see cref="PoseDecoder"/> (parameters under "decoder."), the
/// decoder reading the same evidence encoder's three feature levels. Its model file is safetensors with format
/// <see cref="FormatName"/>, both configurations (<see cref="Stage1Config"/> JSON in "config", <see cref="Stage2Config"/>
/// JSON in "stage2_config"), skeleton ("panoptic15"), evidence kind ("rendered"), a training-data summary and the
/// Polypose version; <see cref="Load"/> is strict. Stage-I-only files keep loading with <see cref="Stage1Model.Load"/>.
/// </summary>
public sealed class DisposeModel : Module
{
    /// <summary>The "format" metadata value of a full model file.</summary>
    public const string FormatName = "polypose-dispose/1";

    /// <summary>Creates a model with the reference initialisation (Stage I first, then the decoder, from one generator).</summary>
    public DisposeModel(Stage1Config stage1, Stage2Config stage2, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(stage1);
        ArgumentNullException.ThrowIfNull(stage2);
        ArgumentNullException.ThrowIfNull(generator);
        if (stage2.Slots != stage1.Slots || stage2.FeatureChannels != stage1.FeatureChannels)
        {
            throw new ArgumentException($"Stage II slots/feature channels {stage2.Slots}/{stage2.FeatureChannels} must equal Stage I's {stage1.Slots}/{stage1.FeatureChannels}");
        }

        Stage1 = RegisterModule("stage1", new Stage1Model(stage1, generator));
        Decoder = RegisterModule("decoder", new PoseDecoder(stage2, generator));
    }

    /// <summary>Stage I (with the shared evidence encoder).</summary>
    public Stage1Model Stage1 { get; }

    /// <summary>The Stage II decoder.</summary>
    public PoseDecoder Decoder { get; }

    /// <summary>Training-data summary and other metadata read from the model file (empty for a new model).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private set; } = new Dictionary<string, string>();

    /// <summary>The Stage II configuration for Stage I's <paramref name="stage1"/> sizes: <see cref="Stage2Config.Cpu"/> or <see cref="Stage2Config.Reference"/> with its slots and feature channels.</summary>
    public static Stage2Config Stage2For(Stage1Config stage1)
    {
        ArgumentNullException.ThrowIfNull(stage1);
        var baseConfig = stage1.Name == "reference" ? Stage2Config.Reference : Stage2Config.Cpu;
        return baseConfig with { Slots = stage1.Slots, FeatureChannels = stage1.FeatureChannels };
    }

    /// <summary>
    /// Runs Stage I and Stage II on one frame at inference (call <see cref="Module.Eval"/> first; <see cref="Load"/> does):
    /// <paramref name="evidence"/> <c>[views]</c>, <paramref name="candidates"/> <c>[views][slots]</c>. The encoder runs
    /// once; the decoder starts from the decoded roots (slot k = root k). A frame where Stage I finds nobody gives no
    /// roots and no poses.
    /// </summary>
    public DisposeResult Infer(IReadOnlyList<Camera> cameras, IReadOnlyList<ViewEvidence> evidence, IReadOnlyList<RootCandidate[]> candidates, RootHypergraphBuilder graphs)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(graphs);
        var c = Stage1.Config;
        var graph = graphs.Build(cameras, [candidates], c.Slots);
        if (graph.EdgeCount == 0)
        {
            return new DisposeResult(new Stage1Result(graph, [], []), [], []);
        }

        using var _ = Tensor.NoGrad();
        var flat = candidates.SelectMany(k => k).ToArray();
        var levels = Stage1.Encoder.Forward(EvidenceEncoder.Stack(evidence));
        var features = CandidateFeatures.Compute(Stage1.Attention, levels, flat, c.Slots, c.HeatmapWidth, c.HeatmapHeight);
        var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
        var masses = ddim.Sample(Stage1.Denoiser.Bind(graph, features), c.SamplerCalls).ToArray();
        var roots = new AssignmentDecoder { MaxPeople = c.Slots }.Decode(graph, masses, flat, cameras, evidence);
        var stage1 = new Stage1Result(graph, masses, roots);
        if (roots.Count == 0)
        {
            return new DisposeResult(stage1, [], []);
        }

        int n = c.Slots, j = TPosePrior.JointCount, count = Math.Min(n, roots.Count);
        var rootValues = new float[n * 3];
        var mask = new float[n];
        for (var k = 0; k < count; k++)
        {
            var p = roots[k].Position;
            (rootValues[3 * k], rootValues[(3 * k) + 1], rootValues[(3 * k) + 2]) = ((float)p.X, (float)p.Y, (float)p.Z);
            mask[k] = 1;
        }

        var views = DecoderViews.From(cameras, [.. evidence.Select(e => e.Affine)], c.Grid, 1);
        var output = Decoder.Infer(new DecoderInput(levels, Tensor.FromArray(rootValues, 1, n, 3), Tensor.FromArray(mask, 1, n).Gt(0f), views));
        var last = output.Layers[^1];
        var poses = last.Poses.ToArray();
        var triangulated = last.Triangulated.To(DType.Float32).ToArray();
        var weights = last.ViewWeights.ToArray();
        var v = cameras.Count;
        var joints = new Vec3[count][];
        var confidence = new double[count][];
        for (var k = 0; k < count; k++)
        {
            joints[k] = new Vec3[j];
            confidence[k] = new double[j];
            for (var q = 0; q < j; q++)
            {
                var o = ((k * j) + q) * 3;
                joints[k][q] = new Vec3(poses[o], poses[o + 1], poses[o + 2]);
                if (triangulated[(k * j) + q] > 0)
                {
                    var best = 0.0;
                    for (var view = 0; view < v; view++)
                    {
                        best = Math.Max(best, weights[(((view * n) + k) * j) + q]);
                    }

                    confidence[k][q] = Math.Clamp(best, 1e-3, 1.0);
                }
            }
        }

        return new DisposeResult(stage1, joints, confidence);
    }

    /// <summary>The model file's metadata for this model plus <paramref name="training"/> (a one-line summary of the data).</summary>
    public Dictionary<string, string> FileMetadata(string training)
    {
        var meta = Stage1.FileMetadata(training);
        meta["format"] = FormatName;
        meta["stage2_config"] = Decoder.Config.ToJson();
        return meta;
    }

    /// <summary>Writes the model file atomically.</summary>
    public void Save(string path, string training) => StateDicts.Save(this, path, FileMetadata(training));

    /// <summary>The "format" metadata value of a safetensors file, or null when it has none or cannot be read as safetensors.</summary>
    public static string? FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> size = stackalloc byte[8];
            stream.ReadExactly(size);
            var length = BitConverter.ToUInt64(size);
            if (length > 100_000_000 || (long)length > stream.Length - 8)
            {
                return null;
            }

            var header = new byte[(int)length];
            stream.ReadExactly(header);
            using var doc = System.Text.Json.JsonDocument.Parse(header);
            return doc.RootElement.TryGetProperty("__metadata__", out var m) && m.TryGetProperty("format", out var f) ? f.GetString() : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or EndOfStreamException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Loads a full model file strictly: malformed or truncated content, a wrong format, configuration or skeleton, and
    /// any missing, unexpected, mis-shaped or non-finite tensor is a <see cref="PolyposeFormatException"/> naming the
    /// file and the tensor (or metadata key) on one line.
    /// </summary>
    public static DisposeModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Stage1Model.ReadFile(path);
        var meta = file.Metadata;
        string Need(string key) => meta.TryGetValue(key, out var v) ? v : throw new PolyposeFormatException(path, "missing: not a DisPOSE model file", place: "__metadata__." + key);
        if (Need("format") != FormatName)
        {
            throw new PolyposeFormatException(path, $"expected '{FormatName}', got '{meta["format"]}'", place: "__metadata__.format");
        }

        if (Need("skeleton") != Stage1Model.SkeletonName)
        {
            throw new PolyposeFormatException(path, $"expected '{Stage1Model.SkeletonName}', got '{meta["skeleton"]}'", place: "__metadata__.skeleton");
        }

        if (Need("evidence") != "rendered")
        {
            throw new PolyposeFormatException(path, $"evidence kind '{meta["evidence"]}' is not supported (expected 'rendered')", place: "__metadata__.evidence");
        }

        Stage1Config stage1;
        Stage2Config stage2;
        try
        {
            stage1 = Stage1Config.FromJson(Need("config"));
        }
        catch (FormatException e)
        {
            throw new PolyposeFormatException(path, e.Message, place: "__metadata__.config", inner: e);
        }

        try
        {
            stage2 = Stage2Config.FromJson(Need("stage2_config"));
        }
        catch (FormatException e)
        {
            throw new PolyposeFormatException(path, e.Message, place: "__metadata__.stage2_config", inner: e);
        }

        DisposeModel model;
        try
        {
            model = new DisposeModel(stage1, stage2, new Generator(0));
        }
        catch (ArgumentException e)
        {
            throw new PolyposeFormatException(path, e.Message, place: "__metadata__.stage2_config", inner: e);
        }

        Stage1Model.LoadStrict(path, model, file.Tensors, $"{stage1.Name}+{stage2.Name}");
        model.Eval();
        model.Metadata = meta;
        return model;
    }
}
