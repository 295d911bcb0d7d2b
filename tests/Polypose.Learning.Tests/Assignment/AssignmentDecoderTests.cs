using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Assignment;

public sealed class AssignmentDecoderTests
{
    private const int Views = 3, Slots = 3;

    // Three pinhole cameras 3 m from the origin, looking along +z, spread along x.
    private static readonly Camera[] Rig =
    [
        .. new[] { -1000.0, 0.0, 1000.0 }.Select((x, i) =>
            new Camera($"c{i}", 400, 200, new Intrinsics(300, 300, 200, 100), Mat3.Identity, new Vec3(-x, 0, 3000))),
    ];

    private static readonly Vec3[] People = [new(0, 0, 0), new(300, 100, 200)];

    [Fact]
    public void AcceptsTheBestDisjointMultiViewEdgesAndTriangulatesTheirRoots()
    {
        var (graph, candidates, evidence) = Scene();

        // Edge 0: person 0 in all views; 1: person 1 in all views; 2: overlaps edge 0 (slot 0 of view 0) with a higher
        // score but only one real view -> dropped; 3: overlaps edge 1 with a lower score -> rejected; 4: below threshold.
        float[] masses = [0.09f, 0.08f, 0.3f, 0.05f, 0.0005f];
        var roots = new AssignmentDecoder().Decode(graph, masses, candidates, Rig, evidence);
        Assert.Equal(2, roots.Count);
        Assert.Equal((0, 0, 0), (roots[0].Sample, roots[0].Slot, roots[0].Edge));
        Assert.Equal((0, 1, 1), (roots[1].Sample, roots[1].Slot, roots[1].Edge));
        Assert.True(Vec3.Distance(People[0], roots[0].Position) < 1e-6, $"{roots[0].Position}");
        Assert.True(Vec3.Distance(People[1], roots[1].Position) < 1e-6, $"{roots[1].Position}");

        // S = x·z with z = 0.9; every view's root heatmap is 0.64 at the projections: confidence = √(S·0.64).
        Assert.Equal(0.09 * 0.9, roots[0].Score, 6);
        Assert.Equal(Math.Sqrt(0.09f * 0.9 * 0.64), roots[0].Confidence, 6);
    }

    [Fact]
    public void MaxPeopleLimitsTheAcceptedEdgesPerSample()
    {
        var (graph, candidates, evidence) = Scene();
        var roots = new AssignmentDecoder { MaxPeople = 1 }.Decode(graph, [0.09f, 0.08f, 0.3f, 0.05f, 0.0005f], candidates, Rig, evidence);
        Assert.Single(roots);
        Assert.Equal(0, roots[0].Edge);
    }

    [Fact]
    public void GrowToSupersets_ReplacesAnAcceptedSubsetEdgeByTheFullTupleWhoseExtraNodeIsFree()
    {
        // Edge 0: person 0 in views 0 and 1 (best score); 1: person 0 in all three views; 2: person 1 in all views.
        // The greedy step takes edges 0 and 2 (edge 1 shares edge 0's nodes); growing replaces edge 0 by edge 1, whose
        // extra node (view 2, slot 0) nobody holds. The reference (GrowToSupersets = false) keeps edge 0.
        var (graph, candidates, evidence) = Scene([0, 0, -1, 0, 0, 0, 1, 1, 1]);
        float[] masses = [0.09f, 0.05f, 0.08f];
        var reference = new AssignmentDecoder { GrowToSupersets = false }.Decode(graph, masses, candidates, Rig, evidence);
        Assert.Equal([0, 2], reference.Select(r => r.Edge));
        var grown = new AssignmentDecoder().Decode(graph, masses, candidates, Rig, evidence);
        Assert.Equal([1, 2], grown.Select(r => r.Edge));
        Assert.Equal(0.05 * 0.9, grown[0].Score, 6);
        Assert.True(Vec3.Distance(People[0], grown[0].Position) < 1e-6, $"{grown[0].Position}");
    }

    [Fact]
    public void GrowToSupersets_DoesNotTakeANodeThatAnotherAcceptedEdgeHolds()
    {
        // As above plus edge 3 (person 1 in view 0 with person 0's node in view 2), accepted second: the full tuple of
        // person 0 would need that view-2 node, so edge 0 stays as it is.
        var (graph, candidates, evidence) = Scene([0, 0, -1, 0, 0, 0, 1, 1, 1, 1, -1, 0]);
        var roots = new AssignmentDecoder().Decode(graph, [0.09f, 0.05f, 0.08f, 0.085f], candidates, Rig, evidence);
        Assert.Equal([0, 3], roots.Select(r => r.Edge));
    }

    private static (CandidateHyperedges, RootCandidate[], ViewEvidence[]) Scene(int[]? edgeTuples = null)
    {
        var mask = new bool[Views * Slots];
        var candidates = new RootCandidate[Views * Slots];
        for (var v = 0; v < Views; v++)
        {
            for (var p = 0; p < People.Length; p++)
            {
                mask[(v * Slots) + p] = true;
                candidates[(v * Slots) + p] = new RootCandidate(0, 0, 0.9, Rig[v].Project(People[p]).Pixel);
            }
        }

        var tuples = edgeTuples ?? [0, 0, 0, 1, 1, 1, 0, -1, -1, -1, 1, 1, 1, -1, -1];
        var edges = tuples.Length / Views;
        var graph = new CandidateHyperedges(1, Views, Slots, tuples, new int[edges], mask, [.. Enumerable.Repeat(0.9, edges)]);
        var affine = new EvidenceGrid { InputWidth = 400, InputHeight = 200 }.For(400, 200);
        var evidence = Enumerable.Range(0, Views)
            .Select(_ => ViewEvidence.FromHeatmaps(affine, Tensor.Full(0.64f, 15, affine.HeatmapHeight, affine.HeatmapWidth))).ToArray();
        return (graph, candidates, evidence);
    }
}
