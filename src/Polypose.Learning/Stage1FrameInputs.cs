using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;

namespace Polypose.Learning;

/// <summary>
/// What the learned association steps (<see cref="Stage1CrossViewAssigner"/>, <see cref="DisposeReconstructor"/>)
/// prepare per frame from detections, and how they map a decoded hyperedge back to detections: each view's people
/// rendered into evidence on the model's grid (<see cref="Evidence"/>, one per view), root candidates extracted from it
/// (<see cref="Candidates"/>, <c>[views][slots]</c>), and the detection whose rendered root made each candidate
/// (<see cref="Origins"/>, <c>[views][slots]</c>, −1 for none). One instance per worker; the arrays are replaced by
/// each <see cref="Prepare"/>.
/// </summary>
internal sealed class Stage1FrameInputs(Stage1Config config)
{
    private readonly HeatmapRenderer _renderer = config.Renderer;
    private readonly DetectionRoots _roots = new(config.RootFallback);

    /// <summary>The candidate hypergraph builder with the model's pair bound.</summary>
    public RootHypergraphBuilder Graphs { get; } = new(config.PairwiseBound);

    /// <summary>The last frame's evidence per view.</summary>
    public ViewEvidence[] Evidence { get; private set; } = [];

    /// <summary>The last frame's root candidates per view.</summary>
    public RootCandidate[][] Candidates { get; private set; } = [];

    /// <summary>The last frame's detection index per view and candidate slot (−1: no detection).</summary>
    public int[][] Origins { get; private set; } = [];

    /// <summary>Renders, extracts and maps one frame (cameras and views in the same order).</summary>
    public void Prepare(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        var v = views.Count;
        var grid = config.Grid;
        var extractor = config.Extractor;
        Evidence = _renderer.Render([.. cameras.Select(c => grid.For(c.Width, c.Height))], views);
        Candidates = new RootCandidate[v][];
        Origins = new int[v][];
        for (var i = 0; i < v; i++)
        {
            Candidates[i] = extractor.Extract(Evidence[i]);
            Origins[i] = _roots.Origins(Candidates[i], views[i], Evidence[i].Affine, 3 * _renderer.Sigma);
        }
    }

    /// <summary>
    /// Writes into <paramref name="group"/> (length views) the detection each view contributes to hyperedge
    /// <paramref name="edge"/> of <paramref name="graph"/> (−1 where none); returns how many views contribute one.
    /// </summary>
    public int DetectionsOf(CandidateHyperedges graph, int edge, Span<int> group)
    {
        var members = 0;
        for (var i = 0; i < group.Length; i++)
        {
            var slot = graph.Slot(edge, i);
            group[i] = slot < 0 ? -1 : Origins[i][slot];
            members += group[i] >= 0 ? 1 : 0;
        }

        return members;
    }
}
