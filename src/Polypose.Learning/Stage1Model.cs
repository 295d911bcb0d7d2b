using Polypose.Formats;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;
using Polypose.Tensors;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Serialization;

namespace Polypose.Learning;

/// <summary>
/// DisPOSE Stage I as one module (dispose.md 3): the evidence encoder (three feature levels per view), projective
/// deformable attention from each root candidate into its view's levels (node features <c>[samples·views·slots, d]</c>),
/// the GCN denoiser over the candidate hyperedges, the projected DDIM sampler, greedy decoding and algebraic root
/// triangulation. The model file (learning.md 6) is safetensors with the configuration (<see cref="Stage1Config"/>
/// JSON), skeleton ("panoptic15"), evidence kind ("rendered"), a training-data summary and the Polypose version in its
/// metadata; <see cref="Load"/> is strict.
/// </summary>
public sealed class Stage1Model : Module
{
    /// <summary>The "format" metadata value of a Stage I model file.</summary>
    public const string FormatName = "polypose-stage1/1";

    /// <summary>The skeleton of the evidence channels.</summary>
    public const string SkeletonName = "panoptic15";

    /// <summary>Creates a model with the reference initialisation; <paramref name="generator"/> also drives dropout.</summary>
    public Stage1Model(Stage1Config config, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(generator);
        Config = config;
        Encoder = RegisterModule("encoder", new EvidenceEncoder(ViewEvidence.JointCount, config.FeatureChannels, generator));
        Attention = RegisterModule("attention", new ProjectiveDeformableAttention(config.Attention, generator));
        Denoiser = RegisterModule("denoiser", new GcnDenoiser(config.Denoiser, generator));
    }

    /// <summary>The configuration.</summary>
    public Stage1Config Config { get; }

    /// <summary>The evidence encoder.</summary>
    public EvidenceEncoder Encoder { get; }

    /// <summary>The node-feature attention.</summary>
    public ProjectiveDeformableAttention Attention { get; }

    /// <summary>The denoiser.</summary>
    public GcnDenoiser Denoiser { get; }

    /// <summary>Training-data summary and other metadata read from the model file (empty for a new model).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private set; } = new Dictionary<string, string>();

    /// <summary>
    /// Node features <c>[samples·views·slots, d]</c> from the evidence <c>[samples·views]</c> and the root candidate
    /// slots <c>[samples·views·slots]</c> (zero rows for empty slots).
    /// </summary>
    public Tensor NodeFeatures(IReadOnlyList<ViewEvidence> evidence, IReadOnlyList<RootCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var levels = Encoder.Forward(EvidenceEncoder.Stack(evidence));
        return CandidateFeatures.Compute(Attention, levels, candidates, Config.Slots, Config.HeatmapWidth, Config.HeatmapHeight);
    }

    /// <summary>
    /// Runs Stage I on one frame at inference: <paramref name="evidence"/> <c>[views]</c>, <paramref name="candidates"/>
    /// <c>[views][slots]</c>. Returns the graph, the sampled masses x̂0 <c>[edges]</c> and the decoded roots.
    /// </summary>
    public Stage1Result Infer(IReadOnlyList<Camera> cameras, IReadOnlyList<ViewEvidence> evidence, IReadOnlyList<RootCandidate[]> candidates, RootHypergraphBuilder graphs)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(graphs);
        var graph = graphs.Build(cameras, [candidates], Config.Slots);
        var flat = candidates.SelectMany(c => c).ToArray();
        if (graph.EdgeCount == 0)
        {
            return new Stage1Result(graph, [], []);
        }

        using var _ = Tensor.NoGrad();
        var features = NodeFeatures(evidence, flat);
        var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
        var masses = ddim.Sample(Denoiser.Bind(graph, features), Config.SamplerCalls).ToArray();
        var roots = new AssignmentDecoder { MaxPeople = Config.Slots }.Decode(graph, masses, flat, cameras, evidence);
        return new Stage1Result(graph, masses, roots);
    }

    /// <summary>The first tensor (by data offset) whose bytes extend past the end of a truncated file, or null.</summary>
    internal static string? TruncatedTensor(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var headerLength = (long)BitConverter.ToUInt64(bytes, 0);
            var data = bytes.LongLength - 8 - headerLength;
            using var doc = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            return doc.RootElement.EnumerateObject()
                .Where(p => p.Name != "__metadata__" && p.Value.TryGetProperty("data_offsets", out _))
                .Select(p => (p.Name, End: p.Value.GetProperty("data_offsets")[1].GetInt64()))
                .Where(t => t.End > data)
                .OrderBy(t => t.End)
                .Select(t => t.Name)
                .FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a model file's safetensors content; a malformed or truncated file is a <see cref="PolyposeFormatException"/>
    /// naming the file and (for a truncated one) the first tensor cut off.
    /// </summary>
    internal static SafeTensorsFile ReadFile(string path)
    {
        try
        {
            return SafeTensors.Load(path);
        }
        catch (SafeTensorsFormatException e)
        {
            var cut = e.Place == "data section" ? TruncatedTensor(path) : null;
            throw cut is null
                ? new PolyposeFormatException(path, e.Problem, place: e.Place, inner: e)
                : new PolyposeFormatException(path, $"truncated: its data ends inside this tensor ({e.Problem})", place: $"tensor '{cut}'", inner: e);
        }
    }

    /// <summary>
    /// Loads <paramref name="tensors"/> into <paramref name="model"/> strictly: every missing, unexpected or mis-shaped
    /// tensor is listed in one <see cref="PolyposeFormatException"/> naming <paramref name="path"/>, as is a value that is
    /// not finite.
    /// </summary>
    internal static void LoadStrict(string path, Module model, IReadOnlyDictionary<string, Tensor> tensors, string configName)
    {
        var report = StateDicts.Compare(model, tensors);
        if (!report.IsExactMatch)
        {
            var all = report.Missing.Select(k => $"tensor '{k}': missing")
                .Concat(report.Unexpected.Select(k => $"tensor '{k}': unexpected"))
                .Concat(report.Mismatched.Select(m => $"tensor '{m[..m.IndexOf(':', StringComparison.Ordinal)]}':{m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..]}"))
                .ToArray();
            var first = all[0];
            var rest = all.Length > 1 ? $" (and {all.Length - 1} more: {string.Join("; ", all.Skip(1))})" : "";
            throw new PolyposeFormatException(path, $"{first} for configuration '{configName}'{rest}", place: first[..first.IndexOf(':', StringComparison.Ordinal)]);
        }

        model.LoadStateDict(tensors, strict: true);
        foreach (var (name, p) in model.NamedParameters())
        {
            if (p.ToArray().Any(v => !float.IsFinite(v)))
            {
                throw new PolyposeFormatException(path, "holds a value that is not finite", place: $"tensor '{name}'");
            }
        }
    }

    /// <summary>The model file's metadata for this model plus <paramref name="training"/> (a one-line summary of the data).</summary>
    public Dictionary<string, string> FileMetadata(string training) => new(StringComparer.Ordinal)
    {
        ["format"] = FormatName,
        ["config"] = Config.ToJson(),
        ["skeleton"] = SkeletonName,
        ["evidence"] = "rendered",
        ["training"] = training,
        ["polypose_version"] = Version,
    };

    /// <summary>Writes the model file atomically.</summary>
    public void Save(string path, string training) => StateDicts.Save(this, path, FileMetadata(training));

    /// <summary>The version string of this Polypose build.</summary>
    public static string Version =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Stage1Model).Assembly)?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Loads a model file strictly: any malformed or truncated content, wrong format, configuration or skeleton, and
    /// any missing, unexpected or mis-shaped tensor is a <see cref="PolyposeFormatException"/> naming the file and the
    /// tensor (or metadata key) on one line, every mismatch listed.
    /// </summary>
    public static Stage1Model Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = ReadFile(path);
        var meta = file.Metadata;
        string Need(string key) => meta.TryGetValue(key, out var v) ? v : throw new PolyposeFormatException(path, "missing: not a Stage I model file", place: "__metadata__." + key);
        if (Need("format") != FormatName)
        {
            throw new PolyposeFormatException(path, $"expected '{FormatName}', got '{meta["format"]}'", place: "__metadata__.format");
        }

        if (Need("skeleton") != SkeletonName)
        {
            throw new PolyposeFormatException(path, $"expected '{SkeletonName}', got '{meta["skeleton"]}'", place: "__metadata__.skeleton");
        }

        if (Need("evidence") != "rendered")
        {
            throw new PolyposeFormatException(path, $"evidence kind '{meta["evidence"]}' is not supported (expected 'rendered')", place: "__metadata__.evidence");
        }

        Stage1Config config;
        try
        {
            config = Stage1Config.FromJson(Need("config"));
        }
        catch (FormatException e)
        {
            throw new PolyposeFormatException(path, e.Message, place: "__metadata__.config", inner: e);
        }

        var model = new Stage1Model(config, new Generator(0));
        LoadStrict(path, model, file.Tensors, config.Name);
        model.Eval();
        model.Metadata = meta;
        return model;
    }
}
