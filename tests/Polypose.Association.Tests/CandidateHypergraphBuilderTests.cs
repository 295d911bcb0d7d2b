using System.Globalization;
using Polypose.Association.Candidates;
using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Association.Tests;

public sealed class CandidateHypergraphBuilderTests
{
    // The anatomical gate is off so the reference below needs no bone table; it is covered by the reconstruction tests.
    private static readonly AssociationOptions Options = new()
    {
        PairwiseMaxReprojectionSq = 1024,
        HyperedgeMaxReprojectionSq = 200,
        MaxImplausibleBoneFraction = 1,
    };

    /// <summary>One candidate edge as a naive enumeration computes it.</summary>
    private sealed record Expected(int[] Tuple, int Members, double Error, double Cue, int Missing, Vec3?[] Points);

    /// <summary>
    /// The crowded path (every frame counts as crowded): pairs abandoned once their partial error reaches the bound; the
    /// pruning limits are out of reach, so the result must still be the exhaustive one. The hyperedge bound is the
    /// pairwise one (as by default), so that pairs near the bound become candidates.
    /// </summary>
    private static readonly AssociationOptions CrowdedPathOptions = Options with
    {
        HyperedgeMaxReprojectionSq = 1024,
        CrowdNodeCount = 0,
        MaxPartnersPerView = 1_000,
        MaxEdgesPerDetection = 100_000,
    };

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    [InlineData(true, 12)] // pair errors around the pairwise bound: the abandonment must not drop one under it
    public void Build_SmallRandomScenes_MatchesBruteForceEnumeration(bool crowdedPath, double noisePx)
    {
        var options = crowdedPath ? CrowdedPathOptions : Options;
        int scenes = 0, edges = 0, rejectedAfterPairs = 0, nearBound = 0;
        var memberCounts = new HashSet<int>();
        for (var seed = 0; seed < 24; seed++)
        {
            var scene = SyntheticScene.Create(
                500 + seed, cameraCount: 3 + (seed % 2), people: 2 + (seed % 2), noisePx: noisePx, falsePositives: 1 + (seed % 2), missProbability: 0.3);
            var graph = new CandidateHypergraphBuilder(options).Build(scene.Cameras, scene.Views);
            var expected = BruteForce(scene.Cameras, scene.Views, options, out var rejected);
            rejectedAfterPairs += rejected;

            Assert.Equal(expected.Count, graph.EdgeCount);
            Assert.Equal(expected.Count, graph.MultiViewEdgeCount);
            var byTuple = expected.ToDictionary(e => Key(e.Tuple), StringComparer.Ordinal);
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var tuple = graph.Tuple(e).ToArray();
                Assert.True(byTuple.TryGetValue(Key(tuple), out var want), $"seed {seed}: unexpected edge {Key(tuple)}");
                Assert.Equal(want.Members, graph.MemberCount(e));
                Assert.Equal(want.Error, graph.ReprojectionError(e), want.Error * 1e-6);
                Assert.Equal(want.Cue, graph.Cue(e), 1e-9);
                Assert.Equal(want.Missing, graph.MissingViews(e));
                for (var v = 0; v < tuple.Length; v++)
                {
                    var node = graph.EdgeNodes(e)[v];
                    Assert.Equal(tuple[v], node < 0 ? -1 : graph.NodeDetection(node));
                }

                for (var j = 0; j < graph.JointCount; j++)
                {
                    Assert.Equal(want.Points[j].HasValue, graph.PointValid(e)[j]);
                    var point = want.Points[j].GetValueOrDefault();
                    Assert.True(Vec3.Distance(point, graph.Points(e)[j]) < 1e-3, $"seed {seed}, edge {Key(tuple)}, joint {j}: {graph.Points(e)[j]} vs {point}");
                }

                memberCounts.Add(want.Members);
            }

            // Incidence: node n lists exactly the edges with n as a member, ascending.
            for (var n = 0; n < graph.NodeCount; n++)
            {
                var want = Enumerable.Range(0, graph.EdgeCount).Where(e => graph.EdgeNodes(e).Contains(n)).ToArray();
                Assert.Equal(want, graph.NodeEdges(n).ToArray());
            }

            // Compatible pairs whose error lies in the upper quarter of the pairwise bound.
            for (var a = 0; a < graph.NodeCount; a++)
            {
                for (var b = a + 1; b < graph.NodeCount; b++)
                {
                    nearBound += graph.NodeView(a) != graph.NodeView(b) && graph.AreCompatible(a, b)
                        && graph.PairError(a, b) >= 0.25 * options.PairwiseMaxReprojectionSq ? 1 : 0;
                }
            }

            scenes++;
            edges += graph.EdgeCount;
        }

        Assert.Equal(24, scenes);
        Assert.True(rejectedAfterPairs > 0, "no tuple of compatible pairs failed the hyperedge gate");
        if (noisePx > 5)
        {
            // The noisy instances must hold kept pairs close to the bound, which an early abandonment could lose.
            Assert.True(nearBound > 10, $"only {nearBound} compatible pairs with an error of at least a quarter of the bound");
            return;
        }

        // The instances must exercise pairs, triples and quadruples and the hyperedge gate after the pairwise filter.
        Assert.True(edges > 100, $"only {edges} candidate edges");
        Assert.Contains(2, memberCounts);
        Assert.Contains(3, memberCounts);
        Assert.Contains(4, memberCounts);
    }

    [Fact]
    public void Build_ListSingletons_AppendsOneEdgePerNodeAndSelectionIgnoresThem()
    {
        var scene = SyntheticScene.Create(31, people: 3, falsePositives: 1, missProbability: 0.2);
        var plain = new CrossViewAssociator(Options);
        var listing = new CrossViewAssociator(Options with { ListSingletons = true, SingletonCue = 0.3 });
        var a = plain.Associate(scene.Cameras, scene.Views);
        var (groups, objective) = (Enumerable.Range(0, a.GroupCount).Select(g => Key(a.Group(g).ToArray())).ToList(), a.Objective);
        var b = listing.Associate(scene.Cameras, scene.Views);
        var graph = listing.LastCandidates!;

        Assert.Equal(groups, Enumerable.Range(0, b.GroupCount).Select(g => Key(b.Group(g).ToArray())));
        Assert.Equal(objective, b.Objective);
        Assert.Equal(plain.LastCandidates!.MultiViewEdgeCount, graph.MultiViewEdgeCount);
        Assert.Equal(graph.MultiViewEdgeCount + graph.NodeCount, graph.EdgeCount);
        for (var n = 0; n < graph.NodeCount; n++)
        {
            var e = graph.MultiViewEdgeCount + n;
            Assert.Equal(1, graph.MemberCount(e));
            Assert.Equal(0.3, graph.Cue(e));
            var tuple = graph.Tuple(e);
            for (var v = 0; v < graph.ViewCount; v++)
            {
                Assert.Equal(v == graph.NodeView(n) ? graph.NodeDetection(n) : -1, tuple[v]);
            }

            Assert.Equal(e, graph.NodeEdges(n)[^1]);
            Assert.DoesNotContain(true, graph.PointValid(e).ToArray());
        }
    }

    [Fact]
    public void Build_CueNormaliserNone_GivesTheCueOfTheErrorAlone()
    {
        var scene = SyntheticScene.Create(32, people: 3, noisePx: 3);
        var graph = new CandidateHypergraphBuilder(Options with { CueNormaliser = CueNormaliser.None }).Build(scene.Cameras, scene.Views);
        Assert.Contains(Enumerable.Range(0, graph.EdgeCount), e => graph.MemberCount(e) > 2);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Assert.Equal(Math.Exp(-0.01 * graph.ReprojectionError(e)), graph.Cue(e), 1e-12);
        }
    }

    [Fact]
    public void Build_AnotherFrameInBetween_RebuildsTheSameHypergraph()
    {
        var first = SyntheticScene.Create(41, people: 4, falsePositives: 1, missProbability: 0.2);
        var other = SyntheticScene.Create(42, cameraCount: 3, people: 2, falsePositives: 2);
        var builder = new CandidateHypergraphBuilder(Options with { ListSingletons = true });
        var before = Snapshot(builder.Build(first.Cameras, first.Views));
        builder.Build(other.Cameras, other.Views);
        Assert.Equal(before, Snapshot(builder.Build(first.Cameras, first.Views)));
    }

    [Fact]
    public void Build_DetectionsInOneViewOnly_HasNoNodes()
    {
        var scene = SyntheticScene.Create(43, cameraCount: 3, people: 2);
        IReadOnlyList<IReadOnlyList<Person2D>> views = [scene.Views[0], [], []];
        var graph = new CandidateHypergraphBuilder().Build(scene.Cameras, views);
        Assert.Equal(0, graph.NodeCount);
        Assert.Equal(0, graph.EdgeCount);
        Assert.Equal(-1, graph.NodeOf(0, 0));
    }

    [Fact]
    public void Build_RepeatedFrameWithSingletons_AllocatesNothingAfterWarmUp()
    {
        var scene = SyntheticScene.Create(44, people: 4, falsePositives: 1, missProbability: 0.2);
        var builder = new CandidateHypergraphBuilder(new AssociationOptions { ListSingletons = true });
        for (var i = 0; i < 3; i++)
        {
            builder.Build(scene.Cameras, scene.Views);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var graph = builder.Build(scene.Cameras, scene.Views);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(graph.MultiViewEdgeCount >= 4);
        Assert.Equal(0, allocated);
    }

    private static string Key(int[] tuple) => string.Join(',', tuple.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    private static string Snapshot(CandidateHypergraph g)
    {
        var parts = new List<string> { $"{g.ViewCount} {g.JointCount} {g.NodeCount} {g.CompatiblePairCount} {g.EdgeCount} {g.MultiViewEdgeCount}" };
        for (var e = 0; e < g.EdgeCount; e++)
        {
            parts.Add($"{Key(g.Tuple(e).ToArray())} {g.Cue(e):R} {g.ReprojectionError(e):R} {g.MissingViews(e)} {string.Join(';', g.Points(e).ToArray())}");
        }

        for (var n = 0; n < g.NodeCount; n++)
        {
            parts.Add($"{g.NodeView(n)}:{g.NodeDetection(n)} {string.Join(',', g.NodeEdges(n).ToArray())} {string.Join(',', g.NodeWeights(n).ToArray())}");
        }

        return string.Join('\n', parts);
    }

    /// <summary>
    /// The candidate rules written out naively: every combination of one detection or none per view (Π (n_v + 1)
    /// tuples), the two-view check of each member pair, then the tuple's own error and cue, each triangulation done by
    /// the generic weighted midpoint of <see cref="Triangulation.Midpoint"/>.
    /// </summary>
    private static List<Expected> BruteForce(
        IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, AssociationOptions o, out int rejectedAfterPairs)
    {
        var rejected = 0;
        var viewCount = views.Count;
        var jointCount = views.First(v => v.Count > 0)[0].Joints.Length;

        // Usable observations and the detections that take part.
        var usable = new List<bool>[viewCount];
        var isNode = new bool[viewCount][];
        for (var v = 0; v < viewCount; v++)
        {
            isNode[v] = new bool[views[v].Count];
            for (var d = 0; d < views[v].Count; d++)
            {
                var count = views[v][d].Joints.Count(k => k.IsPresent && k.Score >= o.JointScoreThreshold && cameras[v].TryBackProject(new Vec2(k.X, k.Y), out _));
                isNode[v][d] = count >= o.MinDetectionJoints;
            }
        }

        if (isNode.Count(v => v.Any(b => b)) < 2)
        {
            rejectedAfterPairs = 0;
            return [];
        }

        bool Usable(int v, int d, int j, out Ray ray, out double w, out Vec2 px)
        {
            var k = views[v][d].Joints[j];
            (ray, w, px) = (default, 0, new Vec2(k.X, k.Y));
            if (!k.IsPresent || k.Score < o.JointScoreThreshold || !cameras[v].TryBackProject(px, out ray))
            {
                return false;
            }

            w = k.Score;
            return true;
        }

        // Triangulates the members (view, detection) per joint; returns (error, per-member errors, points, joints shared).
        (double Error, double[] MemberError, Vec3?[] Points, int Common) Triangulate(List<(int V, int D)> members)
        {
            double errSum = 0, wSum = 0;
            var memberErr = new double[members.Count];
            var memberW = new double[members.Count];
            var points = new Vec3?[jointCount];
            var common = 0;
            for (var j = 0; j < jointCount; j++)
            {
                var rays = new List<Ray>();
                var weights = new List<double>();
                var used = new List<(int Index, double W, Vec2 Px)>();
                for (var i = 0; i < members.Count; i++)
                {
                    if (Usable(members[i].V, members[i].D, j, out var ray, out var w, out var px))
                    {
                        rays.Add(ray);
                        weights.Add(w);
                        used.Add((i, w, px));
                    }
                }

                if (used.Count < 2)
                {
                    continue;
                }

                common++;
                var t = Triangulation.Midpoint(rays.ToArray(), weights.ToArray());
                points[j] = t.Point;
                foreach (var (i, w, px) in used)
                {
                    var p = cameras[members[i].V].Project(t.Point);
                    var e = (p.Pixel - px).LengthSquared;
                    errSum += w * e;
                    wSum += w;
                    memberErr[i] += w * e;
                    memberW[i] += w;
                }
            }

            for (var i = 0; i < members.Count; i++)
            {
                memberErr[i] = memberW[i] > 0 ? memberErr[i] / memberW[i] : 0;
            }

            return (wSum > 0 ? errSum / wSum : double.PositiveInfinity, memberErr, points, common);
        }

        var result = new List<Expected>();
        var tuple = new int[viewCount];
        void Enumerate(int v)
        {
            if (v < viewCount)
            {
                for (var d = -1; d < views[v].Count; d++)
                {
                    if (d < 0 || isNode[v][d])
                    {
                        tuple[v] = d;
                        Enumerate(v + 1);
                    }
                }

                return;
            }

            var members = Enumerable.Range(0, viewCount).Where(x => tuple[x] >= 0).Select(x => (x, tuple[x])).ToList();
            if (members.Count < 2)
            {
                return;
            }

            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    var pair = Triangulate([members[a], members[b]]);
                    if (pair.Common < o.MinCommonJoints || !(pair.Error < o.PairwiseMaxReprojectionSq))
                    {
                        return;
                    }
                }
            }

            var (error, memberError, points, _) = Triangulate(members);
            if (!(error <= o.HyperedgeMaxReprojectionSq) || (members.Count > 2 && memberError.Any(e => e > o.HyperedgeMaxReprojectionSq)))
            {
                rejected++;
                return;
            }

            var missing = 0;
            for (var x = 0; x < viewCount; x++)
            {
                if (tuple[x] < 0)
                {
                    var valid = points.Where(p => p.HasValue).ToList();
                    var inside = valid.Count(p => cameras[x].Project(p!.Value).InImage);
                    missing += valid.Count > 0 && inside * 2 > valid.Count ? 1 : 0;
                }
            }

            var nu = Math.Max(1, Math.Pow(members.Count - 1, viewCount - 1));
            result.Add(new Expected([.. tuple], members.Count, error, Math.Exp(-o.CueLambda * error / nu), missing, points));
        }

        Enumerate(0);
        rejectedAfterPairs = rejected;
        return result;
    }
}
