using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;
using Polypose.Learning.Training;
using Polypose.Reconstruction;

namespace Polypose.Learning.Comparison;

/// <summary>
/// The recall funnel of the teacher and of a learned Stage I model on the same frames of an evaluation set with true
/// identities (<see cref="FunnelReport"/>). The teacher's nodes are its candidate hypergraph's detections, its edges
/// that graph's hyperedges (all eligible: the exact selection weighs them all), its accepted edges those equal to an
/// output group. Stage I's nodes are root candidate slots, mapped to detections as <see cref="Stage1CrossViewAssigner"/>
/// maps them (<see cref="DetectionRoots"/>), its edges <see cref="RootHypergraphBuilder"/>'s, eligible when the decoder
/// may take them (S_e above <see cref="AssignmentDecoder.MatcherThreshold"/>, two real views), accepted when decoded.
/// Deterministic.
/// </summary>
public static class Stage1Funnel
{
    /// <summary>
    /// Counts the funnel of the teacher (<paramref name="options"/>' association, null = defaults) and, when
    /// <paramref name="model"/> is given, of Stage I over every frame of <paramref name="set"/>.
    /// </summary>
    public static IReadOnlyList<FunnelReport> Run(EvaluationSet set, Stage1Model? model, ReconstructionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!set.HasIdentities)
        {
            throw new ArgumentException($"set '{set.Name}' has no true identities: the funnel needs them", nameof(set));
        }

        options ??= new ReconstructionOptions();
        var teacher = new AssociationFunnel("teacher");
        var learned = model is null ? null : new AssociationFunnel("learned");
        foreach (var scene in set.Scenes)
        {
            var associator = new CrossViewAssociator(options.Association, options.Anatomy);
            var inputs = model is null ? null : new Stage1FrameInputs(model.Config);
            for (var i = 0; i < scene.Frames.Count; i++)
            {
                var views = scene.Frames[i].Views;
                var identities = scene.Identities![i];
                teacher.Add(TeacherFrame(associator, scene.Cameras, views), identities);
                if (model is not null)
                {
                    learned!.Add(LearnedFrame(model, inputs!, scene.Cameras, views), identities);
                }
            }
        }

        return learned is null ? [teacher.Compute()] : [teacher.Compute(), learned.Compute()];
    }

    /// <summary>The teacher's frame: detections as nodes, its hyperedges, the edges equal to its output groups.</summary>
    public static FunnelFrame TeacherFrame(CrossViewAssociator associator, IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        ArgumentNullException.ThrowIfNull(associator);
        ArgumentNullException.ThrowIfNull(views);
        var result = associator.Associate(cameras, views);
        var graph = associator.LastCandidates!;
        var v = views.Count;
        var nodeOf = new int[v][];
        for (var k = 0; k < v; k++)
        {
            nodeOf[k] = new int[views[k].Count];
            for (var d = 0; d < views[k].Count; d++)
            {
                nodeOf[k][d] = graph.NodeOf(k, d) >= 0 ? d : FunnelFrame.NotANode;
            }
        }

        var edges = new int[graph.EdgeCount][];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            edges[e] = graph.Tuple(e).ToArray();
        }

        var groups = Enumerable.Range(0, result.GroupCount).Select(g => result.Group(g).ToArray()).ToArray();
        var accepted = new List<int>();
        for (var e = 0; e < edges.Length; e++)
        {
            if (groups.Any(g => g.AsSpan().SequenceEqual(edges[e])))
            {
                accepted.Add(e);
            }
        }

        return new FunnelFrame(nodeOf, edges, [.. Enumerable.Repeat(true, edges.Length)], accepted, groups);
    }

    /// <summary>Stage I's frame: root candidate slots as nodes, its hyperedges and masses, the decoded edges.</summary>
    internal static FunnelFrame LearnedFrame(Stage1Model model, Stage1FrameInputs inputs, IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        inputs.Prepare(cameras, views);
        var stage1 = model.Infer(cameras, inputs.Evidence, inputs.Candidates, inputs.Graphs);
        var graph = stage1.Graph;
        var v = views.Count;
        var roots = new DetectionRoots(model.Config.RootFallback);
        var nodeOf = new int[v][];
        for (var k = 0; k < v; k++)
        {
            var affine = inputs.Evidence[k].Affine;
            var origins = inputs.Origins[k];
            var full = inputs.Candidates[k].All(c => c.IsNode);
            // A root outside the heatmap (a torso estimate below the image) is drawn nowhere: no root, as none.
            var rootPixels = views[k].Select(p => roots.RootOf(p) is { } r && affine.ImageToHeatmap.Apply(r) is var q
                && q.X >= 0 && q.Y >= 0 && q.X <= affine.HeatmapWidth - 1 && q.Y <= affine.HeatmapHeight - 1 ? q : (Vec2?)null).ToArray();
            nodeOf[k] = new int[views[k].Count];
            for (var d = 0; d < views[k].Count; d++)
            {
                var slot = Array.IndexOf(origins, d);
                nodeOf[k][d] = slot >= 0 ? slot
                    : rootPixels[d] is not { } p ? FunnelFrame.NotANode
                    : full ? FunnelFrame.SlotsFull
                    : rootPixels.Where((q, j) => j != d && q is { } o && Math.Max(Math.Abs(o.X - p.X), Math.Abs(o.Y - p.Y)) <= 2).Any() ? FunnelFrame.Merged
                    : FunnelFrame.NoPeak;
            }
        }

        var threshold = new AssignmentDecoder().MatcherThreshold;
        var edges = new int[graph.EdgeCount][];
        var eligible = new bool[graph.EdgeCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            edges[e] = graph.Tuples.Slice(e * v, v).ToArray();
            eligible[e] = graph.MemberCount(e) >= 2 && Math.Max(stage1.Masses[e], 0.0) * Math.Max(graph.Cue[e], 0.0) > threshold;
        }

        var groups = new List<int[]>();
        var group = new int[v];
        foreach (var root in stage1.Roots)
        {
            if (inputs.DetectionsOf(graph, root.Edge, group) >= 2)
            {
                groups.Add([.. group]);
            }
        }

        return new FunnelFrame(nodeOf, edges, eligible, [.. stage1.Roots.Select(r => r.Edge)], groups, stage1.Masses);
    }
}
