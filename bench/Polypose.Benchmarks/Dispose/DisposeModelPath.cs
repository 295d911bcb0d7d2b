using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning;
using Polypose.Learning.Assignment;
using Polypose.Learning.Decoder;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Benchmarks.Dispose;

/// <summary>
/// The steps of <see cref="DisposeModel.Infer"/> (as <c>reconstruct --model</c> with a full DisPOSE model runs them
/// through <see cref="DisposeReconstructor"/>) one by one on a frame, timed by the thread's CPU clock, for the
/// component breakdown of the paper: encoder, Stage I (node attention, denoiser), Sinkhorn, decoder, other (rendering,
/// root candidates, the candidate hypergraph, decoding the roots, the outputs). Not thread-safe.
/// </summary>
internal sealed class DisposeModelPath
{
    private readonly IReadOnlyList<Camera> _cameras;
    private readonly HeatmapRenderer _renderer = new();
    private readonly DetectionRoots _roots = new();
    private readonly RootHypergraphBuilder _graphs;

    public DisposeModelPath(DisposeModel model, IReadOnlyList<Camera> cameras)
    {
        Model = model;
        _cameras = cameras;
        _graphs = new RootHypergraphBuilder(model.Stage1.Config.PairwiseBound);
    }

    public DisposeModel Model { get; }

    /// <summary>
    /// The steps of <see cref="DisposeModel.Infer"/> with their thread CPU times added to <paramref name="t"/>; the
    /// Sinkhorn projections of the sampler are timed again alone on the frame's graph (<see cref="Stage1Pipeline.SinkhornAloneMs"/>)
    /// and reported apart (the sampler time includes them). Returns the decoder input of the frame (null without people) so
    /// the twin can run it.
    /// </summary>
    public DecoderInput? Run(IReadOnlyList<IReadOnlyList<Person2D>> views, DisposeTimings t)
    {
        var config = Model.Stage1.Config;
        var grid = config.Grid;
        var extractor = config.Extractor;
        var lap = new CpuLap();
        var v = views.Count;
        var evidence = _renderer.Render([.. _cameras.Select(c => grid.For(c.Width, c.Height))], views);
        var candidates = new RootCandidate[v][];
        for (var i = 0; i < v; i++)
        {
            candidates[i] = extractor.Extract(evidence[i]);
            _roots.Origins(candidates[i], views[i], evidence[i].Affine, 3 * _renderer.Sigma);
        }

        var graph = _graphs.Build(_cameras, [candidates], config.Slots);
        t.OtherMs += lap.Next();
        t.Frames++;
        if (graph.EdgeCount == 0)
        {
            return null;
        }

        using var noGrad = Tensor.NoGrad();
        var flat = candidates.SelectMany(c => c).ToArray();
        var levels = Model.Stage1.Encoder.Forward(EvidenceEncoder.Stack(evidence));
        t.EncoderMs += lap.Next();
        var features = CandidateFeatures.Compute(Model.Stage1.Attention, levels, flat, config.Slots, config.HeatmapWidth, config.HeatmapHeight);
        t.Stage1AttentionMs += lap.Next();
        var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
        var masses = ddim.Sample(Model.Stage1.Denoiser.Bind(graph, features), config.SamplerCalls).ToArray();
        t.SamplerMs += lap.Next();
        var roots = new AssignmentDecoder { MaxPeople = config.Slots }.Decode(graph, masses, flat, _cameras, evidence);
        t.OtherMs += lap.Next();
        t.Edges += graph.EdgeCount;
        var sinkhornStart = ThreadClock.NowMs();
        Stage1Pipeline.SinkhornAloneMs(graph, config.SamplerCalls);
        t.SinkhornMs += ThreadClock.NowMs() - sinkhornStart;
        lap.Next();
        if (roots.Count == 0)
        {
            return null;
        }

        int n = config.Slots, count = Math.Min(n, roots.Count);
        var rootValues = new float[n * 3];
        var mask = new float[n];
        for (var k = 0; k < count; k++)
        {
            var p = roots[k].Position;
            (rootValues[3 * k], rootValues[(3 * k) + 1], rootValues[(3 * k) + 2]) = ((float)p.X, (float)p.Y, (float)p.Z);
            mask[k] = 1;
        }

        var decoderViews = DecoderViews.From(_cameras, [.. evidence.Select(e => e.Affine)], config.Grid, 1);
        var input = new DecoderInput(levels, Tensor.FromArray(rootValues, 1, n, 3), Tensor.FromArray(mask, 1, n).Gt(0f), decoderViews);
        t.OtherMs += lap.Next();
        var output = Model.Decoder.Infer(input);
        var last = output.Layers[^1];
        _ = last.Poses.ToArray();
        t.DecoderMs += lap.Next();
        _ = last.Triangulated.To(DType.Float32).ToArray();
        _ = last.ViewWeights.ToArray();
        t.OtherMs += lap.Next();
        t.People += count;
        return input;
    }

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
