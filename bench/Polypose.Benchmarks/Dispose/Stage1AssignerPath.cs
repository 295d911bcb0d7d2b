using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// The real inference path of <c>reconstruct --model</c> on one frame, step by step as
/// <see cref="Stage1CrossViewAssigner"/> and <see cref="Stage1Model.Infer"/> run it, with a wall-time split: rendered
/// evidence and 5×5 NMS root candidates per view (and their detection origins), the candidate hyperedges of
/// <see cref="RootHypergraphBuilder"/>, the evidence encoder, node features, the projected DDIM sampler and decoding.
/// <see cref="Associate"/> runs the assigner itself (the figure that counts); <see cref="Run"/> the same steps timed
/// by the thread's CPU clock (<see cref="ThreadClock"/>: free of the time spent waiting for a core on a loaded machine).
/// Not thread-safe.
/// </summary>
internal sealed class Stage1AssignerPath
{
    private readonly IReadOnlyList<Camera> _cameras;
    private readonly HeatmapRenderer _renderer = new();
    private readonly DetectionRoots _roots = new();
    private readonly RootHypergraphBuilder _graphs;
    private readonly Stage1CrossViewAssigner _assigner;

    public Stage1AssignerPath(Stage1Model model, IReadOnlyList<Camera> cameras)
    {
        Model = model;
        _cameras = cameras;
        _graphs = new RootHypergraphBuilder(model.Config.PairwiseBound);
        _assigner = new Stage1CrossViewAssigner(model);
    }

    public Stage1Model Model { get; }

    /// <summary>The assigner's own call (call under no particular mode; it sets its own).</summary>
    public int Associate(IReadOnlyList<IReadOnlyList<Person2D>> views) => _assigner.Associate(_cameras, views).GroupCount;

    /// <summary>The assigner's steps with their times added to <paramref name="t"/>; returns the number of roots.</summary>
    public int Run(IReadOnlyList<IReadOnlyList<Person2D>> views, Stage1Timings t)
    {
        var config = Model.Config;
        var grid = config.Grid;
        var extractor = config.Extractor;
        var sw = new CpuLap();
        var v = views.Count;
        var evidence = _renderer.Render([.. _cameras.Select(c => grid.For(c.Width, c.Height))], views);
        var candidates = new RootCandidate[v][];
        for (var i = 0; i < v; i++)
        {
            candidates[i] = extractor.Extract(evidence[i]);
            _roots.Origins(candidates[i], views[i], evidence[i].Affine, 3 * _renderer.Sigma);
        }

        t.EvidenceMs += Lap(sw);
        var graph = _graphs.Build(_cameras, [candidates], config.Slots);
        t.CandidatesMs += Lap(sw);
        if (graph.EdgeCount == 0)
        {
            return 0;
        }

        using var _ = Tensor.NoGrad();
        var flat = candidates.SelectMany(c => c).ToArray();
        var levels = Model.Encoder.Forward(EvidenceEncoder.Stack(evidence));
        t.EncoderMs += Lap(sw);
        var features = CandidateFeatures.Compute(Model.Attention, levels, flat, config.Slots, config.HeatmapWidth, config.HeatmapHeight);
        t.AttentionMs += Lap(sw);
        var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
        var masses = ddim.Sample(Model.Denoiser.Bind(graph, features), config.SamplerCalls).ToArray();
        t.SamplerMs += Lap(sw);
        var roots = new AssignmentDecoder { MaxPeople = config.Slots }.Decode(graph, masses, flat, _cameras, evidence);
        t.DecodeMs += Lap(sw);
        t.Frames++;
        t.Edges += graph.EdgeCount;
        return roots.Count;
    }

    private static double Lap(CpuLap lap) => lap.Next();

    // Thread CPU milliseconds since the previous lap.
    private sealed class CpuLap
    {
        private double _last = ThreadClock.NowMs();

        public double Next()
        {
            var now = ThreadClock.NowMs();
            var ms = now - _last;
            _last = now;
            return ms;
        }
    }
}
