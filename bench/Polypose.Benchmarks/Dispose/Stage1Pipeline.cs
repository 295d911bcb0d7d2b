using System.Diagnostics;
using Polypose.Association;
using Polypose.Association.Candidates;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Attention;
using Polypose.Learning.Evidence;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// DisPOSE Stage I inference on one multi-view frame, assembled from the library's parts, with a wall-time split per
/// stage: rendered evidence from the 2D persons (15 Panoptic channels per view), candidate hyperedges from the
/// teacher's candidate hypergraph (the shared seam of issue 8 item 3: its nodes, tuples with dustbins, singletons and
/// reprojection cue; one root candidate per node at the person's mid-hip), evidence encoder, node features by
/// projective deformable attention, the 10-step projected DDIM sampler, decoding and algebraic root triangulation.
/// Weights are seeded random unless a model file is loaded. Not thread-safe (the candidate builder is reused).
/// </summary>
internal sealed class Stage1Pipeline
{
    private readonly IReadOnlyList<Camera> _cameras;
    private readonly ViewAffine[] _affines;
    private readonly HeatmapRenderer _renderer = new();
    private readonly CandidateHypergraphBuilder _builder = new(new AssociationOptions { ListSingletons = true });
    private readonly AssignmentDecoder _decoder = new();
    private readonly int _slots = new RootCandidateExtractor().Slots;
    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);

    public Stage1Pipeline(Stage1Configuration configuration, IReadOnlyList<Camera> cameras, IReadOnlyList<(int Width, int Height)> imageSizes, int seed)
    {
        Configuration = configuration;
        _cameras = cameras;
        _affines = [.. imageSizes.Select(s => configuration.Grid.For(s.Width, s.Height))];
        var gen = new Generator((ulong)seed);
        Encoder = new EvidenceEncoder(ViewEvidence.JointCount, configuration.EncoderChannels, gen);
        Attention = new ProjectiveDeformableAttention(configuration.Attention, gen);
        Denoiser = new GcnDenoiser(configuration.Denoiser, gen);
        Encoder.Eval();
        Attention.Eval();
        Denoiser.Eval();
    }

    public Stage1Configuration Configuration { get; }

    public EvidenceEncoder Encoder { get; }

    public ProjectiveDeformableAttention Attention { get; }

    public GcnDenoiser Denoiser { get; }

    /// <summary>
    /// Loads weights named <c>encoder.*</c>, <c>attention.*</c>, <c>denoiser.*</c> from a safetensors file, strictly
    /// (every parameter present with its shape, nothing extra); returns an error line or null.
    /// </summary>
    public string? Load(string path)
    {
        SafeTensorsFile file;
        try
        {
            file = SafeTensors.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SafeTensorsFormatException)
        {
            return $"{path}: {ex.Message}";
        }

        var parts = new (string Prefix, Polypose.Tensors.Nn.Module Module)[] { ("encoder.", Encoder), ("attention.", Attention), ("denoiser.", Denoiser) };
        foreach (var name in file.Tensors.Keys)
        {
            if (!parts.Any(p => name.StartsWith(p.Prefix, StringComparison.Ordinal)))
            {
                return $"{path}: tensor '{name}' belongs to no Stage I module (expected encoder.*, attention.* or denoiser.*)";
            }
        }

        foreach (var (prefix, module) in parts)
        {
            var state = file.Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
            foreach (var (name, p) in module.NamedParameters())
            {
                if (!state.TryGetValue(name, out var t))
                {
                    return $"{path}: tensor '{prefix}{name}' is missing (configuration {Configuration.Name})";
                }

                if (!t.Shape.SequenceEqual(p.Shape))
                {
                    return $"{path}: tensor '{prefix}{name}' is [{string.Join(", ", t.Shape)}], the {Configuration.Name} configuration needs [{string.Join(", ", p.Shape)}]";
                }
            }

            module.LoadStateDict(state, strict: true);
        }

        return null;
    }

    /// <summary>The inputs of one frame up to the sampler (evidence, candidates, node features).</summary>
    public sealed record FrameInput(ViewEvidence[] Evidence, RootCandidate[] Candidates, CandidateHyperedges? Graph, Tensor? NodeFeatures);

    /// <summary>Evidence, candidates and node features of one frame; adds the stage times to <paramref name="t"/>.</summary>
    public FrameInput Prepare(IReadOnlyList<IReadOnlyList<Person2D>> views, Stage1Timings t)
    {
        var sw = Stopwatch.StartNew();
        t.LastAllocated = GC.GetAllocatedBytesForCurrentThread();
        var evidence = new ViewEvidence[views.Count];
        for (var v = 0; v < views.Count; v++)
        {
            evidence[v] = _renderer.Render(_affines[v], views[v]);
        }

        t.EvidenceMs += Lap(sw, t, "evidence");
        var (candidates, graph) = Candidates(views);
        t.CandidatesMs += Lap(sw, t, "candidates");
        if (graph is null)
        {
            return new FrameInput(evidence, candidates, null, null);
        }

        var levels = Encoder.Forward(EvidenceEncoder.Stack(evidence));
        t.EncoderMs += Lap(sw, t, "encoder");
        var features = CandidateFeatures.Compute(Attention, levels, candidates, _slots, Configuration.Grid.HeatmapWidth, Configuration.Grid.HeatmapHeight);
        t.AttentionMs += Lap(sw, t, "attention");
        return new FrameInput(evidence, candidates, graph, features);
    }

    /// <summary>Runs Stage I on one frame (call under <see cref="Tensor.NoGrad"/>); returns the number of roots.</summary>
    public int Run(IReadOnlyList<IReadOnlyList<Person2D>> views, Stage1Timings t)
    {
        var input = Prepare(views, t);
        if (input.Graph is null)
        {
            return 0;
        }

        var sw = Stopwatch.StartNew();
        t.LastAllocated = GC.GetAllocatedBytesForCurrentThread();
        var ddim = new ProjectedDdim(new SparseSinkhornProblem(input.Graph));
        var timed = new TimedDenoiser(Denoiser.Bind(input.Graph, input.NodeFeatures!));
        var x = ddim.Sample(timed);
        t.SamplerMs += Lap(sw, t, "sampler");
        t.DenoiserMs += timed.Milliseconds;
        var roots = _decoder.Decode(input.Graph, x.Contiguous().ToArray(), input.Candidates, _cameras, input.Evidence);
        t.DecodeMs += Lap(sw, t, "decode");
        t.Frames++;
        t.Edges += input.Graph.EdgeCount;
        return roots.Count;
    }

    /// <summary>The 22 Sinkhorn projections of one sampler run (1 initial, 2 per call, 1 final) on this frame's problem, timed alone.</summary>
    public static double SinkhornAloneMs(CandidateHyperedges graph, int calls = 10)
    {
        var problem = new SparseSinkhornProblem(graph);
        var logits = Tensor.Randn(new Generator(927), graph.EdgeCount);
        var sw = Stopwatch.StartNew();
        SparseSinkhorn.Project(logits, problem, SinkhornOptions.ReferenceFinalIterations);
        for (var k = 0; k < (2 * calls) + 1; k++)
        {
            SparseSinkhorn.Project(logits, problem, SinkhornOptions.ReferenceInnerIterations);
        }

        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Lap(Stopwatch sw) => Lap(sw, null, null);

    // Wall milliseconds since the last lap; with a stage name, also the bytes this thread allocated since the last lap.
    private static double Lap(Stopwatch sw, Stage1Timings? t, string? stage)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        if (t is not null && stage is not null)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            t.AllocatedBytes[stage] = t.AllocatedBytes.GetValueOrDefault(stage) + (now - t.LastAllocated);
            t.LastAllocated = now;
        }

        sw.Restart();
        return ms;
    }

    // Node slot n of view v = detection n of that view (the first N); its root candidate sits at the person's mid-hip
    // (or the mean of its hips) mapped into the heatmap. Tuples naming a detection past the N slots are left out.
    private (RootCandidate[] Candidates, CandidateHyperedges? Graph) Candidates(IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        int v0 = views.Count, n = _slots;
        var candidates = new RootCandidate[v0 * n];
        var mask = new bool[v0 * n];
        for (var v = 0; v < v0; v++)
        {
            for (var d = 0; d < views[v].Count && d < n; d++)
            {
                var root = RootOf(views[v][d]);
                if (root.IsPresent)
                {
                    var h = _affines[v].ImageToHeatmap.Apply(new Vec2(root.X, root.Y));
                    int hx = Math.Clamp((int)Math.Round(h.X), 0, _affines[v].HeatmapWidth - 1), hy = Math.Clamp((int)Math.Round(h.Y), 0, _affines[v].HeatmapHeight - 1);
                    candidates[(v * n) + d] = new RootCandidate(hx, hy, root.Score, new Vec2(root.X, root.Y));
                    mask[(v * n) + d] = true;
                }
            }
        }

        var teacher = _builder.Build(_cameras, views);
        var tuples = new List<int>();
        var cues = new List<double>();
        for (var e = 0; e < teacher.EdgeCount; e++)
        {
            var tuple = teacher.Tuple(e);
            var ok = true;
            foreach (var d in tuple)
            {
                ok &= d < n;
            }

            for (var v = 0; v < v0 && ok; v++)
            {
                ok &= tuple[v] < 0 || mask[(v * n) + tuple[v]];
            }

            if (ok)
            {
                foreach (var d in tuple)
                {
                    tuples.Add(d);
                }

                cues.Add(Math.Clamp(teacher.Cue(e), 0.0, 1.0));
            }
        }

        return cues.Count == 0 ? (candidates, null) : (candidates, new CandidateHyperedges(1, v0, n, [.. tuples], new int[cues.Count], mask, [.. cues]));
    }

    private Keypoint2D RootOf(Person2D person)
    {
        if (!_mappings.TryGetValue(person.Skeleton.Name, out var mapping))
        {
            mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Panoptic15);
            _mappings[person.Skeleton.Name] = mapping;
        }

        var joints = mapping.Map(person.Joints);
        var root = joints[ViewEvidence.RootChannel];
        if (root.IsPresent)
        {
            return root;
        }

        var target = KnownSkeletons.Panoptic15;
        Keypoint2D l = joints[target["left_hip"]], r = joints[target["right_hip"]];
        return (l.IsPresent, r.IsPresent) switch
        {
            (true, true) => new Keypoint2D((l.X + r.X) / 2, (l.Y + r.Y) / 2, Math.Min(l.Score, r.Score)),
            (true, false) => l,
            (false, true) => r,
            _ => Keypoint2D.Missing,
        };
    }

    private sealed class TimedDenoiser(IAssignmentDenoiser inner) : IAssignmentDenoiser
    {
        public double Milliseconds { get; private set; }

        public Tensor PredictCleanLogits(Tensor state, IReadOnlyList<int> timesteps)
        {
            var start = Stopwatch.GetTimestamp();
            var r = inner.PredictCleanLogits(state, timesteps);
            Milliseconds += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return r;
        }
    }
}

/// <summary>Accumulated wall time per Stage I stage (milliseconds) over <see cref="Frames"/> frames.</summary>
internal sealed class Stage1Timings
{
    public int Frames { get; set; }

    public long Edges { get; set; }

    public double EvidenceMs { get; set; }

    public double CandidatesMs { get; set; }

    public double EncoderMs { get; set; }

    public double AttentionMs { get; set; }

    public double SamplerMs { get; set; }

    public double DenoiserMs { get; set; }

    public double DecodeMs { get; set; }

    public Dictionary<string, long> AllocatedBytes { get; } = [];

    public long LastAllocated { get; set; }

    public double TotalMs => EvidenceMs + CandidatesMs + EncoderMs + AttentionMs + SamplerMs + DecodeMs;
}
