using Polypose.Core.Options;
using Polypose.Geometry;
using Polypose.Learning.Evidence;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Decoding and root triangulation of Stage I (DisPOSE 3.8, inference only): S_e = max(x̂0_e, 0)·max(z_e, 0); edges
/// with S_e &gt; <see cref="MatcherThreshold"/> and at least two real views, by decreasing S_e (ties: lower edge index),
/// are accepted greedily per sample while fewer than <see cref="MaxPeople"/> are accepted and none of their nodes is
/// used; then, unless <see cref="GrowToSupersets"/> is off (reference), each accepted edge is replaced by the best
/// eligible strict superset whose added nodes are unused, while one exists. Each accepted edge's root is triangulated by the weighted algebraic (Plücker/DLT) method from its members'
/// root candidates (weights = heatmap scores; no Gauss–Newton step), and its confidence is √(S_e·c_hm), with c_hm the
/// mean over all V views of the root heatmap sampled bilinearly (align corners) at the root's projection, counted 0
/// when the projection is behind the camera or outside the original image.
/// </summary>
public sealed record AssignmentDecoder
{
    private readonly double _matcherThreshold = 0.001;
    private readonly int _maxPeople = 10;

    /// <summary>Minimum edge score S_e (reference 0.001).</summary>
    public double MatcherThreshold
    {
        get => _matcherThreshold;
        init => _matcherThreshold = OptionCheck.NonNegative(value, nameof(MatcherThreshold));
    }

    /// <summary>
    /// Whether each accepted edge is then grown into the best eligible strict superset whose added nodes are unused
    /// (principled; the reference stops at the greedy choice, which can keep a person's subset edge while their other
    /// views stay unused). Default true; false = reference.
    /// </summary>
    public bool GrowToSupersets { get; init; } = true;

    /// <summary>Most people accepted per sample (reference 10).</summary>
    public int MaxPeople
    {
        get => _maxPeople;
        init => _maxPeople = OptionCheck.AtLeast(value, 1, nameof(MaxPeople));
    }

    /// <summary>
    /// Decodes <paramref name="masses"/> <c>[edges]</c>. <paramref name="candidates"/> holds the root candidate of every
    /// node slot <c>[samples·views·slots]</c>; <paramref name="cameras"/> the rig <c>[views]</c> (world-to-camera);
    /// <paramref name="evidence"/> the per-view evidence <c>[samples·views]</c> whose root channel gives c_hm.
    /// Returns the roots of all samples, by sample then slot.
    /// </summary>
    public IReadOnlyList<RootEstimate> Decode(
        CandidateHyperedges graph, ReadOnlySpan<float> masses, IReadOnlyList<RootCandidate> candidates, IReadOnlyList<Camera> cameras, IReadOnlyList<ViewEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(evidence);
        if (masses.Length != graph.EdgeCount || candidates.Count != graph.NodeSlotCount || cameras.Count != graph.Views || evidence.Count != graph.Samples * graph.Views)
        {
            throw new ArgumentException(
                $"expected {graph.EdgeCount} masses, {graph.NodeSlotCount} candidates, {graph.Views} cameras and {graph.Samples * graph.Views} evidence views; " +
                $"got {masses.Length}, {candidates.Count}, {cameras.Count}, {evidence.Count}");
        }

        var order = new List<(double Score, int Edge)>();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var s = Math.Max(masses[e], 0.0) * Math.Max(graph.Cue[e], 0.0);
            if (s > MatcherThreshold && graph.MemberCount(e) >= 2)
            {
                order.Add((s, e));
            }
        }

        order.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Edge.CompareTo(b.Edge));
        var used = new bool[graph.NodeSlotCount];
        var accepted = new int[graph.Samples];
        var picked = new List<(double Score, int Edge)>();
        foreach (var (score, e) in order)
        {
            var b = graph.EdgeSample[e];
            if (accepted[b] >= MaxPeople || !IsFree(graph, e, used))
            {
                continue;
            }

            accepted[b]++;
            Mark(graph, e, used, true);
            picked.Add((score, e));
        }

        if (GrowToSupersets)
        {
            Grow(graph, order, picked, used);
        }

        Array.Clear(accepted);
        var result = new List<RootEstimate>();
        var rays = new Ray[graph.Views];
        var rootMaps = new float[]?[evidence.Count];
        var weights = new double[graph.Views];
        foreach (var (score, e) in picked)
        {
            var b = graph.EdgeSample[e];
            for (var v = 0; v < graph.Views; v++)
            {
                var n = graph.Slot(e, v);
                weights[v] = 0;
                rays[v] = default;
                if (n < 0)
                {
                    continue;
                }

                var node = graph.NodeIndex(b, v, n);
                var c = candidates[node];
                if (c.IsNode && cameras[v].TryBackProject(c.Image, out var ray))
                {
                    rays[v] = ray;
                    weights[v] = c.Score;
                }
            }

            var tri = Triangulation.Algebraic(rays, weights);
            var position = tri.IsValid ? tri.Point : Vec3.Zero;
            var heat = 0.0;
            if (tri.IsValid)
            {
                for (var v = 0; v < graph.Views; v++)
                {
                    var k = (b * graph.Views) + v;
                    rootMaps[k] ??= evidence[k].Heatmaps.Select(0, ViewEvidence.RootChannel).Contiguous().ToArray();
                    heat += RootHeat(cameras[v], evidence[k].Affine, rootMaps[k]!, position);
                }

                heat /= graph.Views;
            }

            result.Add(new RootEstimate(b, accepted[b]++, e, position, score, Math.Sqrt(score * heat)));
        }

        result.Sort((x, y) => x.Sample != y.Sample ? x.Sample.CompareTo(y.Sample) : x.Slot.CompareTo(y.Slot));
        return result;
    }

    /// <summary>
    /// Replaces each accepted edge, in acceptance order, by the best-scored eligible edge of the same sample that keeps
    /// its members and adds only unused nodes (a strict superset), until none is left: a person accepted through a
    /// subset of their views regains the views whose nodes nobody took.
    /// </summary>
    private static void Grow(CandidateHyperedges graph, List<(double Score, int Edge)> order, List<(double Score, int Edge)> picked, bool[] used)
    {
        for (var a = 0; a < picked.Count; a++)
        {
            var e = picked[a].Edge;
            var grown = true;
            while (grown)
            {
                grown = false;
                foreach (var (score, f) in order)
                {
                    if (graph.EdgeSample[f] == graph.EdgeSample[e] && graph.MemberCount(f) > graph.MemberCount(e) && Extends(graph, e, f, used))
                    {
                        Mark(graph, e, used, false);
                        Mark(graph, f, used, true);
                        picked[a] = (score, f);
                        e = f;
                        grown = true;
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Whether edge <paramref name="f"/> holds every member of <paramref name="e"/> and otherwise only unused nodes.</summary>
    private static bool Extends(CandidateHyperedges graph, int e, int f, bool[] used)
    {
        var b = graph.EdgeSample[e];
        for (var v = 0; v < graph.Views; v++)
        {
            int se = graph.Slot(e, v), sf = graph.Slot(f, v);
            if (se >= 0 ? sf != se : sf >= 0 && used[graph.NodeIndex(b, v, sf)])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFree(CandidateHyperedges graph, int e, bool[] used)
    {
        var b = graph.EdgeSample[e];
        for (var v = 0; v < graph.Views; v++)
        {
            var n = graph.Slot(e, v);
            if (n >= 0 && used[graph.NodeIndex(b, v, n)])
            {
                return false;
            }
        }

        return true;
    }

    private static void Mark(CandidateHyperedges graph, int e, bool[] used, bool value)
    {
        var b = graph.EdgeSample[e];
        for (var v = 0; v < graph.Views; v++)
        {
            var n = graph.Slot(e, v);
            if (n >= 0)
            {
                used[graph.NodeIndex(b, v, n)] = value;
            }
        }
    }

    private static double RootHeat(Camera camera, ViewAffine a, float[] map, Vec3 world)
    {
        var p = camera.Project(world);
        if (!p.InFront || p.Pixel.X < 0 || p.Pixel.Y < 0 || p.Pixel.X >= a.ImageWidth || p.Pixel.Y >= a.ImageHeight)
        {
            return 0;
        }

        var q = a.ImageToHeatmap.Apply(p.Pixel);
        int w = a.HeatmapWidth, h = a.HeatmapHeight;
        int x0 = (int)Math.Floor(q.X), y0 = (int)Math.Floor(q.Y);
        double fx = q.X - x0, fy = q.Y - y0, sum = 0;
        for (var dy = 0; dy <= 1; dy++)
        {
            for (var dx = 0; dx <= 1; dx++)
            {
                int xi = x0 + dx, yi = y0 + dy;
                if (xi >= 0 && yi >= 0 && xi < w && yi < h)
                {
                    sum += (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy) * map[(yi * w) + xi];
                }
            }
        }

        return sum;
    }
}
