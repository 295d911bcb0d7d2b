using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Tests.Assignment;

public sealed class RootHypergraphBuilderTests
{
    private const int Slots = 4;

    [Theory]
    [InlineData(3, PairwiseBound.HyperedgeBound)]
    [InlineData(3, PairwiseBound.ViewsSquared)]
    [InlineData(4, PairwiseBound.HyperedgeBound)]
    public void HyperedgesAndCuesEqualABruteForceEnumerationOfEveryTuple(int views, PairwiseBound bound)
    {
        var cameras = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Ring, views), People = 1, Frames = 1, Seed = 3 }).Cameras;
        var random = new Random(17);
        var builder = new RootHypergraphBuilder(bound);
        for (var trial = 0; trial < 12; trial++)
        {
            var candidates = RandomCandidates(cameras, random);
            var graph = builder.Build(cameras, [candidates], Slots);
            var found = new Dictionary<string, double>();
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var key = string.Join(",", Enumerable.Range(0, views).Select(v => graph.Slot(e, v)));
                Assert.True(found.TryAdd(key, graph.Cue[e]), $"trial {trial}: tuple {key} listed twice");
            }

            var expected = BruteForce(cameras, candidates, bound);
            Assert.Equal(expected.Keys.Order(), found.Keys.Order());
            foreach (var (key, cue) in expected)
            {
                Assert.True(Math.Abs(found[key] - cue) < 1e-9, $"trial {trial}, tuple {key}: cue {found[key]} vs brute force {cue}");
            }
        }
    }

    [Fact]
    public void CandidatesInOneViewOnlyGiveNoHyperedge()
    {
        var cameras = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Ring, 3), People = 1, Frames = 1, Seed = 3 }).Cameras;
        var candidates = new RootCandidate[3][];
        for (var v = 0; v < 3; v++)
        {
            candidates[v] = new RootCandidate[Slots];
        }

        candidates[1][0] = new RootCandidate(10, 10, 0.9, new Vec2(400, 300));
        var graph = new RootHypergraphBuilder().Build(cameras, [candidates], Slots);
        Assert.Equal(0, graph.EdgeCount);
        Assert.True(graph.NodeMask[graph.NodeIndex(0, 1, 0)]);
    }

    private static RootCandidate[][] RandomCandidates(IReadOnlyList<Camera> cameras, Random random)
    {
        // Two people near the room centre, seen with pixel noise up to ±40 px (some tuples pass the 64-px gate, some
        // do not), plus a random distractor in some views; some people missing in some views.
        var people = Enumerable.Range(0, 2).Select(_ => new Vec3((random.NextDouble() - 0.5) * 3000, (random.NextDouble() - 0.5) * 3000, 900)).ToArray();
        var result = new RootCandidate[cameras.Count][];
        for (var v = 0; v < cameras.Count; v++)
        {
            var row = new RootCandidate[Slots];
            var n = 0;
            foreach (var p in people)
            {
                if (random.NextDouble() < 0.8)
                {
                    var px = cameras[v].Project(p).Pixel + new Vec2((random.NextDouble() - 0.5) * 80, (random.NextDouble() - 0.5) * 80);
                    row[n++] = new RootCandidate(0, 0, 0.3 + (0.7 * random.NextDouble()), px);
                }
            }

            if (random.NextDouble() < 0.5)
            {
                row[n++] = new RootCandidate(0, 0, 0.25, new Vec2(random.NextDouble() * cameras[v].Width, random.NextDouble() * cameras[v].Height));
            }

            result[v] = row;
        }

        return result;
    }

    /// <summary>
    /// DisPOSE 3.2 written out directly: every tuple over {node, dustbin} per view, checked and scored; plus the
    /// teacher's one extra rule (a member of a 3+-view edge whose own error exceeds the bound drops the edge) and its
    /// 1e8 px² charge for a point behind a camera.
    /// </summary>
    private static Dictionary<string, double> BruteForce(IReadOnlyList<Camera> cameras, RootCandidate[][] candidates, PairwiseBound bound)
    {
        var views = cameras.Count;
        var pairBound = bound == PairwiseBound.ViewsSquared ? 4096.0 * views * views : 4096.0;
        var options = candidates.Select(row => Enumerable.Range(0, Slots).Where(n => row[n].IsNode).Append(-1).ToArray()).ToArray();
        var viewsWithNodes = options.Count(o => o.Length > 1);
        var result = new Dictionary<string, double>();
        if (viewsWithNodes < 2)
        {
            return result;
        }

        var tuple = new int[views];
        void Recurse(int v)
        {
            if (v == views)
            {
                var members = Enumerable.Range(0, views).Where(i => tuple[i] >= 0).ToArray();
                if (members.Length == 1)
                {
                    result[string.Join(",", tuple)] = 0.3;
                    return;
                }

                if (members.Length == 0)
                {
                    return;
                }

                foreach (var a in members)
                {
                    foreach (var b in members.Where(b => b > a))
                    {
                        if (!(Error([a, b], out _) < pairBound))
                        {
                            return;
                        }
                    }
                }

                var d = Error(members, out var worstMember);
                if (d <= 4096 && (members.Length == 2 || worstMember <= 4096))
                {
                    var nu = Math.Max(1, Math.Pow(members.Length - 1, views - 1));
                    result[string.Join(",", tuple)] = Math.Exp(-0.01 * d / nu);
                }

                return;
            }

            foreach (var n in options[v])
            {
                tuple[v] = n;
                Recurse(v + 1);
            }
        }

        double Error(int[] members, out double worst)
        {
            var rays = new Ray[members.Length];
            var w = new double[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                var c = candidates[members[i]][tuple[members[i]]];
                Assert.True(cameras[members[i]].TryBackProject(c.Image, out rays[i]));
                w[i] = c.Score;
            }

            var x = Triangulation.Midpoint(rays, w).Point;
            double sum = 0, total = 0;
            worst = 0;
            for (var i = 0; i < members.Length; i++)
            {
                var c = candidates[members[i]][tuple[members[i]]];
                var projection = cameras[members[i]].Project(x);
                var e = projection.InFront ? (projection.Pixel - c.Image).LengthSquared : 1e8;
                worst = Math.Max(worst, e);
                sum += w[i] * e;
                total += w[i];
            }

            return sum / total;
        }

        Recurse(0);
        return result;
    }
}
