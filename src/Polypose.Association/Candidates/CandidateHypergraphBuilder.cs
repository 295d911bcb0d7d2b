using Polypose.Core.Anatomy;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Association.Candidates;

/// <summary>
/// Builds the <see cref="CandidateHypergraph"/> of one frame of 2D person detections (any skeleton, pixels in the
/// original, distorted images; cameras world-to-camera in mm, world z-up), COMPOSE-style:
/// <list type="number">
/// <item>every detection with at least <see cref="AssociationOptions.MinDetectionJoints"/> joints scored
/// ≥ <see cref="AssociationOptions.JointScoreThreshold"/> (and a mean score ≥ <see cref="AssociationOptions.MinDetectionScore"/>)
/// is a node; a frame with nodes in fewer than two views has none;</item>
/// <item>a two-view check triangulates the shared joints of every node pair in different views (weighted midpoint)
/// and keeps pairs with ≥ <see cref="AssociationOptions.MinCommonJoints"/> shared joints under the
/// <see cref="AssociationOptions.PairwiseMetric"/> bound that pass the anatomical gate;</item>
/// <item>a depth-first search lists every tuple with at most one node per view, at least two members and all member
/// pairs compatible;</item>
/// <item>each tuple is triangulated per joint over all its members, dropped when its error or one member's error
/// exceeds <see cref="AssociationOptions.HyperedgeMaxReprojectionSq"/> or its skeleton fails the anatomical gate,
/// and scored by the reprojection cue z = exp(−λ·d/ν) (<see cref="AssociationOptions.CueNormaliser"/>);</item>
/// <item>listed singletons (<see cref="AssociationOptions.ListSingletons"/>) follow.</item>
/// </list>
/// The anatomical gate uses the shared bone-length prior (<see cref="BonePriorOptions"/>). The instance reuses its
/// hypergraph and scratch between frames (allocation-free after warm-up) and is therefore not thread-safe.
/// </summary>
public sealed class CandidateHypergraphBuilder
{
    private readonly CandidateHypergraph _graph = new();
    private readonly HyperedgeSearch _search = new();
    private readonly DetectionSelection _selection = new();
    private readonly AnatomyGate _gate;
    private Vec3[] _pairPoints = new Vec3[32];
    private bool[] _pairValid = new bool[32];
    private bool[] _topPartner = [];
    private bool[] _keepEdge = [];
    private double[] _rankKeys = [];
    private int[] _rankEdges = [];

    /// <summary>Creates a builder; null settings mean the defaults.</summary>
    public CandidateHypergraphBuilder(AssociationOptions? options = null, BonePriorOptions? anatomy = null)
    {
        Options = options ?? new AssociationOptions();
        Anatomy = anatomy ?? BonePriorOptions.Default;
        _gate = new AnatomyGate(Anatomy, Options.MaxImplausibleBoneFraction);
    }

    /// <summary>The candidate settings in use.</summary>
    public AssociationOptions Options { get; }

    /// <summary>The bone-length prior of the anatomical gate.</summary>
    public BonePriorOptions Anatomy { get; }

    /// <summary>
    /// Builds the hypergraph of one frame. <paramref name="views"/>[v] are the detections of camera v. Returns this
    /// builder's reused hypergraph (valid until the next call). Throws <see cref="ArgumentException"/> when the view and
    /// camera counts differ or the detections of one frame use skeletons with different joint counts.
    /// </summary>
    public CandidateHypergraph Build(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(views);
        if (cameras.Count != views.Count)
        {
            throw new ArgumentException($"{views.Count} views of detections but {cameras.Count} cameras", nameof(views));
        }

        var graph = _graph;
        BuildNodes(cameras, views);
        if (graph.NodeCount > 0)
        {
            BuildPairs(cameras);
            PrunePairs();
            _search.Run(graph, cameras, Options, _gate);
            PruneEdges();
            if (Options.ListSingletons)
            {
                AddSingletons();
            }
        }

        graph.BuildIncidence();
        return graph;
    }

    private void BuildNodes(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        var viewCount = views.Count;
        var jointCount = -1;
        Skeleton? skeleton = null;
        long total = 0;
        var viewsWithDetections = 0;
        for (var v = 0; v < viewCount; v++)
        {
            var list = views[v] ?? throw new ArgumentException($"view {v} is null", nameof(views));
            for (var d = 0; d < list.Count; d++)
            {
                var person = list[d];
                if (jointCount < 0)
                {
                    jointCount = person.Joints.Length;
                    skeleton = person.Skeleton;
                }
                else if (person.Joints.Length != jointCount)
                {
                    throw new ArgumentException(
                        $"view {v}: a detection has {person.Joints.Length} joints, expected {jointCount} like the others of this frame", nameof(views));
                }
            }

            total += list.Count;
            viewsWithDetections += list.Count > 0 ? 1 : 0;
        }

        var graph = _graph;
        var o = Options;
        var limit = Math.Min(o.MaxDetectionsPerView, Math.Max(1, o.MaxNodes / Math.Max(1, viewsWithDetections)));
        var maxNodes = (int)Math.Min(total, (long)limit * viewsWithDetections);
        graph.Reset(viewCount, Math.Max(jointCount, 0), jointCount > 0 ? maxNodes : 0);
        if (jointCount <= 0)
        {
            return;
        }

        _gate.Prepare(skeleton, jointCount);
        if (_pairPoints.Length < jointCount)
        {
            _pairPoints = new Vec3[jointCount];
            _pairValid = new bool[jointCount];
        }

        var viewsWithNodes = 0;
        var duplicates = 0;
        var overLimit = 0;
        for (var v = 0; v < viewCount; v++)
        {
            graph.BeginView(v);
            var before = graph.NodeCount;
            var camera = cameras[v];
            var list = views[v];
            _selection.Select(list, jointCount, limit, o);
            duplicates += _selection.Duplicates;
            overLimit += _selection.OverLimit;
            var keep = _selection.Keep;
            for (var d = 0; d < list.Count; d++)
            {
                if (!keep[d])
                {
                    continue;
                }

                var joints = list[d].Joints;
                graph.NextNodeSlots(out var rays, out var weights, out var pixels);
                var usable = 0;
                double scoreSum = 0;
                var present = 0;
                for (var j = 0; j < jointCount; j++)
                {
                    var k = joints[j];
                    weights[j] = 0;
                    rays[j] = default;
                    pixels[j] = default;
                    if (!k.IsPresent)
                    {
                        continue;
                    }

                    scoreSum += k.Score;
                    present++;
                    var pixel = new Vec2(k.X, k.Y);
                    if (k.Score >= o.JointScoreThreshold && double.IsFinite(k.Score) && camera.TryBackProject(pixel, out var ray))
                    {
                        rays[j] = ray;
                        pixels[j] = pixel;
                        weights[j] = k.Score;
                        usable++;
                    }
                }

                if (usable < o.MinDetectionJoints || present == 0 || scoreSum / present < o.MinDetectionScore)
                {
                    continue;
                }

                graph.CommitNode(v, d);
            }

            if (graph.NodeCount > before)
            {
                viewsWithNodes++;
            }
        }

        graph.EndViews();
        graph.DuplicateDetections = duplicates;
        graph.DetectionsOverLimit = overLimit;
        if (viewsWithNodes < 2)
        {
            // Nothing can be triangulated: no cross-view pair exists.
            graph.ClearNodes();
        }
    }

    private void BuildPairs(IReadOnlyList<Camera> cameras)
    {
        var graph = _graph;
        var n = graph.NodeCount;
        graph.ResetPairs();
        var o = Options;
        var useRays = o.PairwiseMetric == PairwiseMetric.RayDistance;
        var bound = useRays ? o.PairwiseMaxRayDistance : o.PairwiseMaxReprojectionSq;
        var points = _pairPoints.AsSpan(0, graph.JointCount);
        var valid = _pairValid.AsSpan(0, graph.JointCount);
        var starts = graph.ViewStarts;
        var compatiblePairs = 0;
        // Crowded frames: a pair is abandoned once its partial error reaches the bound (incompatible, error +∞).
        var abandonAt = !useRays && n > o.CrowdNodeCount ? bound : double.PositiveInfinity;
        for (var a = 0; a < n; a++)
        {
            for (var b = starts[graph.ViewOfNode(a) + 1]; b < n; b++)
            {
                var reprojection = CandidateTriangulation.Pair(graph, cameras, a, b, points, valid, out var rayDistance, out var common, abandonAt);
                var ok = common >= o.MinCommonJoints && (useRays ? rayDistance : reprojection) < bound && _gate.Passes(points, valid);
                graph.SetPair(a, b, common > 0 ? reprojection : double.PositiveInfinity, ok);
                if (ok)
                {
                    compatiblePairs++;
                }
            }
        }

        graph.CompatiblePairCount = compatiblePairs;
    }

    /// <summary>
    /// Keeps a compatible pair only when each side is among the other's <see cref="AssociationOptions.MaxPartnersPerView"/>
    /// lowest-error compatible partners in its view (crowded frames only: more than
    /// <see cref="AssociationOptions.CrowdNodeCount"/> nodes, and some node has more partners than that in a view).
    /// </summary>
    private void PrunePairs()
    {
        var graph = _graph;
        var n = graph.NodeCount;
        var k = Options.MaxPartnersPerView;
        var starts = graph.ViewStarts;
        var viewCount = graph.ViewCount;
        if (n <= Options.CrowdNodeCount)
        {
            return;
        }

        var crowded = false;
        for (var a = 0; a < n && !crowded; a++)
        {
            for (var w = 0; w < viewCount && !crowded; w++)
            {
                crowded = CountPartners(a, starts[w], starts[w + 1]) > k;
            }
        }

        if (!crowded)
        {
            return;
        }

        var square = (long)n * n;
        if (_topPartner.Length < square)
        {
            _topPartner = new bool[Math.Max(square, _topPartner.Length * 2L)];
        }

        Array.Clear(_topPartner, 0, (int)square);
        for (var a = 0; a < n; a++)
        {
            for (var w = 0; w < viewCount; w++)
            {
                MarkBestPartners(a, starts[w], starts[w + 1], k);
            }
        }

        var pruned = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (graph.Compatible(a, b) && !(_topPartner[((long)a * n) + b] && _topPartner[((long)b * n) + a]))
                {
                    graph.DropPair(a, b);
                    pruned++;
                }
            }
        }

        graph.PrunedPairCount = pruned;
        graph.CompatiblePairCount -= pruned;
    }

    private int CountPartners(int a, int from, int to)
    {
        var count = 0;
        for (var b = from; b < to; b++)
        {
            count += b != a && _graph.Compatible(a, b) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Marks in the scratch table the (at most) <paramref name="k"/> lowest-error compatible partners of a among nodes [from, to) (ties: lower node).</summary>
    private void MarkBestPartners(int a, int from, int to, int k)
    {
        var graph = _graph;
        long row = (long)a * graph.NodeCount;
        for (var round = 0; round < k; round++)
        {
            var best = -1;
            var bestError = double.PositiveInfinity;
            for (var b = from; b < to; b++)
            {
                if (b != a && graph.Compatible(a, b) && !_topPartner[row + b])
                {
                    var error = graph.PairErrorAt(a, b);
                    if (best < 0 || error < bestError)
                    {
                        best = b;
                        bestError = error;
                    }
                }
            }

            if (best < 0)
            {
                return;
            }

            _topPartner[row + best] = true;
        }
    }

    /// <summary>
    /// Keeps a multi-view candidate only when it is among the <see cref="AssociationOptions.MaxEdgesPerDetection"/> best
    /// (by m·z − μ·missing) of at least one member (crowded frames only: more than <see cref="AssociationOptions.CrowdNodeCount"/>
    /// nodes, and some node has more candidates than that).
    /// </summary>
    private void PruneEdges()
    {
        var graph = _graph;
        var k = Options.MaxEdgesPerDetection;
        if (graph.NodeCount <= Options.CrowdNodeCount)
        {
            return;
        }

        graph.BuildIncidence();
        var crowded = false;
        for (var node = 0; node < graph.NodeCount && !crowded; node++)
        {
            crowded = graph.IncidentEdges(node).Length > k;
        }

        if (!crowded)
        {
            return;
        }

        var edges = graph.EdgeCount;
        if (_keepEdge.Length < edges)
        {
            _keepEdge = new bool[Math.Max(edges, _keepEdge.Length * 2)];
        }

        Array.Clear(_keepEdge, 0, edges);
        var mu = Options.MissingViewPenalty;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            var incident = graph.IncidentEdges(node);
            if (incident.Length <= k)
            {
                foreach (var e in incident)
                {
                    _keepEdge[e] = true;
                }

                continue;
            }

            if (_rankKeys.Length < incident.Length)
            {
                _rankKeys = new double[Math.Max(incident.Length, _rankKeys.Length * 2)];
                _rankEdges = new int[_rankKeys.Length];
            }

            var keys = _rankKeys.AsSpan(0, incident.Length);
            var items = _rankEdges.AsSpan(0, incident.Length);
            for (var i = 0; i < incident.Length; i++)
            {
                var e = incident[i];
                items[i] = e;
                keys[i] = -((graph.MembersOf(e) * graph.CueOf(e)) - (mu * graph.MissingOf(e)));
            }

            keys.Sort(items);
            for (var i = 0; i < k; i++)
            {
                _keepEdge[items[i]] = true;
            }
        }

        graph.PrunedEdgeCount = graph.CompactEdges(_keepEdge);
    }

    private void AddSingletons()
    {
        var graph = _graph;
        Span<int> nodes = stackalloc int[graph.ViewCount];
        for (var node = 0; node < graph.NodeCount; node++)
        {
            nodes.Fill(-1);
            nodes[graph.ViewOfNode(node)] = node;
            graph.NextEdgeSlots(out _, out _);
            graph.CommitEdge(nodes, 1, Options.SingletonCue, 0, 0);
        }
    }
}
