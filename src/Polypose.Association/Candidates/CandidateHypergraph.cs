using Polypose.Geometry;

namespace Polypose.Association.Candidates;

/// <summary>
/// The candidate hypergraph of one frame, the common input of every cross-view selection step: the exact set packing
/// (<see cref="Selection.ExactHyperedgeSelector"/>, the teacher) and DisPOSE Stage I's learned assigner
/// (dispose.md §3.2). Produced and reused by a <see cref="CandidateHypergraphBuilder"/>: valid until its next call.
/// <list type="bullet">
/// <item><b>Nodes</b> n ∈ [0, <see cref="NodeCount"/>): the detections that take part (enough usable joints), ordered
/// by view then detection index; node n is detection <see cref="NodeDetection"/>(n) of view <see cref="NodeView"/>(n).
/// Per node and joint: the pixel (original image, px) and weight (the 2D score, 0 = not usable).</item>
/// <item><b>Pairs</b>: the two-view check of every node pair in different views (<see cref="AreCompatible"/>,
/// <see cref="PairError"/>).</item>
/// <item><b>Edges</b> e ∈ [0, <see cref="EdgeCount"/>): tuples with dustbins, <see cref="Tuples"/> shaped
/// <c>[M, V]</c> (M = <see cref="EdgeCount"/>, V = <see cref="ViewCount"/>; detection index per view, −1 = dustbin:
/// not observed there), the same as node indices in <see cref="EdgeNodes"/>. Edges [0, <see cref="MultiViewEdgeCount"/>)
/// have ≥ 2 members, pairwise compatible, in depth-first order over views; when the singleton rule lists them
/// (<see cref="AssociationOptions.ListSingletons"/>) one one-member edge per node follows, in node order. Per edge: the
/// reprojection cue z ∈ [0, 1] and mean squared reprojection error (px²), the views without a member into which the
/// triangulated person projects (<see cref="MissingViews"/>), and the members' per-joint triangulation
/// (<see cref="Points"/>, world mm, <c>[J]</c>, valid where <see cref="PointValid"/>).</item>
/// <item><b>Incidence</b>: the edges containing each node (<see cref="NodeEdges"/>, ascending), i.e. DisPOSE's
/// <c>hedge_idx</c> rows grouped by node.</item>
/// </list>
/// </summary>
public sealed class CandidateHypergraph
{
    private int[] _viewStart = new int[8];
    private int[] _nodeView = new int[32];
    private int[] _nodeDetection = new int[32];
    private Ray[] _rays = new Ray[512];
    private double[] _weights = new double[512];
    private Vec2[] _pixels = new Vec2[512];
    private double[] _pairError = new double[1024];
    private bool[] _compatible = new bool[1024];
    private int[] _edgeNodes = new int[1024];
    private int[] _edgeTuples = new int[1024];
    private int[] _edgeMembers = new int[256];
    private double[] _edgeCue = new double[256];
    private double[] _edgeError = new double[256];
    private int[] _edgeMissing = new int[256];
    private Vec3[] _edgePoints = new Vec3[4096];
    private bool[] _edgePointValid = new bool[4096];
    private int[] _incidenceStart = new int[33];
    private int[] _incidence = new int[1024];

    /// <summary>Views of the frame (V).</summary>
    public int ViewCount { get; private set; }

    /// <summary>Joints per detection (J); 0 when the frame has no detections.</summary>
    public int JointCount { get; private set; }

    /// <summary>Detections that take part (N).</summary>
    public int NodeCount { get; private set; }

    /// <summary>Node pairs in different views that passed the two-view check.</summary>
    public int CompatiblePairCount { get; internal set; }

    /// <summary>Detections left out of this frame as near-duplicates of a higher-scored one in the same view (<see cref="AssociationOptions.DuplicateDistanceFraction"/>).</summary>
    public int DuplicateDetections { get; internal set; }

    /// <summary>Usable detections left out of this frame by the per-view limit (<see cref="AssociationOptions.MaxDetectionsPerView"/>, <see cref="AssociationOptions.MaxNodes"/>).</summary>
    public int DetectionsOverLimit { get; internal set; }

    /// <summary>Compatible pairs that the partner limit (<see cref="AssociationOptions.MaxPartnersPerView"/>) turned incompatible.</summary>
    public int PrunedPairCount { get; internal set; }

    /// <summary>Multi-view candidates dropped by the per-detection limit (<see cref="AssociationOptions.MaxEdgesPerDetection"/>).</summary>
    public int PrunedEdgeCount { get; internal set; }

    /// <summary>Whether the candidate search ran in its restricted mode (<see cref="AssociationOptions.MaxExhaustiveTuples"/> exceeded).</summary>
    public bool RestrictedEnumeration { get; internal set; }

    /// <summary>Candidate edges (M), multi-view and listed singletons.</summary>
    public int EdgeCount { get; private set; }

    /// <summary>Candidate edges with at least two members; they come first.</summary>
    public int MultiViewEdgeCount { get; private set; }

    /// <summary>The view of node <paramref name="node"/>.</summary>
    public int NodeView(int node) => _nodeView[CheckNode(node)];

    /// <summary>The detection index (within its view's list) of node <paramref name="node"/>.</summary>
    public int NodeDetection(int node) => _nodeDetection[CheckNode(node)];

    /// <summary>The first node of view <paramref name="view"/>; the view's nodes are [FirstNode(v), FirstNode(v + 1)).</summary>
    public int FirstNode(int view)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(view, ViewCount);
        return _viewStart[view];
    }

    /// <summary>The node of detection <paramref name="detection"/> of view <paramref name="view"/>, or −1 when it takes no part.</summary>
    public int NodeOf(int view, int detection)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(view, ViewCount);
        for (var n = _viewStart[view]; n < _viewStart[view + 1]; n++)
        {
            if (_nodeDetection[n] == detection)
            {
                return n;
            }
        }

        return -1;
    }

    /// <summary>Per joint of node <paramref name="node"/>: its 2D score when usable in geometric checks, else 0 (<c>[J]</c>).</summary>
    public ReadOnlySpan<double> NodeWeights(int node) => _weights.AsSpan(CheckNode(node) * JointCount, JointCount);

    /// <summary>Per joint of node <paramref name="node"/>: its pixel (original image, px; meaningful where the weight is &gt; 0).</summary>
    public ReadOnlySpan<Vec2> NodePixels(int node) => _pixels.AsSpan(CheckNode(node) * JointCount, JointCount);

    /// <summary>Whether nodes <paramref name="a"/> and <paramref name="b"/> (different views) passed the two-view check; false within a view.</summary>
    public bool AreCompatible(int a, int b) => _compatible[((long)CheckNode(a) * NodeCount) + CheckNode(b)];

    /// <summary>
    /// The score-weighted mean squared reprojection error (px²) of the two-view triangulation of nodes <paramref name="a"/>
    /// and <paramref name="b"/> in different views; +∞ when they share no joint, and in crowded frames (more than
    /// <see cref="AssociationOptions.CrowdNodeCount"/> nodes)
    /// also when the error of its first joints already reached the pairwise bound (the pair is then incompatible).
    /// </summary>
    public double PairError(int a, int b)
    {
        CheckNode(a);
        CheckNode(b);
        if (_nodeView[a] == _nodeView[b])
        {
            throw new ArgumentException($"nodes {a} and {b} are in the same view {_nodeView[a]}");
        }

        return _pairError[((long)a * NodeCount) + b];
    }

    /// <summary>All edge tuples, <c>[M, V]</c> row-major: detection index per view, −1 = dustbin.</summary>
    public ReadOnlySpan<int> Tuples => _edgeTuples.AsSpan(0, EdgeCount * ViewCount);

    /// <summary>Edge <paramref name="edge"/> as a detection index per view (−1 = dustbin), length <see cref="ViewCount"/>.</summary>
    public ReadOnlySpan<int> Tuple(int edge) => _edgeTuples.AsSpan(CheckEdge(edge) * ViewCount, ViewCount);

    /// <summary>Edge <paramref name="edge"/> as a node index per view (−1 = dustbin), length <see cref="ViewCount"/>.</summary>
    public ReadOnlySpan<int> EdgeNodes(int edge) => _edgeNodes.AsSpan(CheckEdge(edge) * ViewCount, ViewCount);

    /// <summary>The number of real (non-dustbin) members of edge <paramref name="edge"/>.</summary>
    public int MemberCount(int edge) => _edgeMembers[CheckEdge(edge)];

    /// <summary>All edge cues z ∈ [0, 1], <c>[M]</c>.</summary>
    public ReadOnlySpan<double> Cues => _edgeCue.AsSpan(0, EdgeCount);

    /// <summary>The reprojection cue z ∈ [0, 1] of edge <paramref name="edge"/> (listed singletons: <see cref="AssociationOptions.SingletonCue"/>).</summary>
    public double Cue(int edge) => _edgeCue[CheckEdge(edge)];

    /// <summary>The score-weighted mean squared reprojection error (px²) of edge <paramref name="edge"/>'s triangulation (singletons: 0).</summary>
    public double ReprojectionError(int edge) => _edgeError[CheckEdge(edge)];

    /// <summary>
    /// Views without a member of edge <paramref name="edge"/> into whose image most of its triangulated joints project:
    /// negative evidence, since a real person there would usually have been detected (singletons: 0).
    /// </summary>
    public int MissingViews(int edge) => _edgeMissing[CheckEdge(edge)];

    /// <summary>The members' triangulated joints of edge <paramref name="edge"/> (world mm, <c>[J]</c>; <see cref="Vec3.Zero"/> where not valid).</summary>
    public ReadOnlySpan<Vec3> Points(int edge) => _edgePoints.AsSpan(CheckEdge(edge) * JointCount, JointCount);

    /// <summary>Which joints of edge <paramref name="edge"/> were triangulated in front of the cameras (<c>[J]</c>).</summary>
    public ReadOnlySpan<bool> PointValid(int edge) => _edgePointValid.AsSpan(CheckEdge(edge) * JointCount, JointCount);

    /// <summary>The edges containing node <paramref name="node"/>, ascending.</summary>
    public ReadOnlySpan<int> NodeEdges(int node)
    {
        CheckNode(node);
        return _incidence.AsSpan(_incidenceStart[node], _incidenceStart[node + 1] - _incidenceStart[node]);
    }

    // ---- Builder side (unchecked, allocation-free after warm-up). ----

    internal ReadOnlySpan<int> ViewStarts => _viewStart.AsSpan(0, ViewCount + 1);

    internal int ViewOfNode(int node) => _nodeView[node];

    internal int DetectionOfNode(int node) => _nodeDetection[node];

    internal Ray RayAt(int node, int joint) => _rays[(node * JointCount) + joint];

    internal double WeightAt(int node, int joint) => _weights[(node * JointCount) + joint];

    internal Vec2 PixelAt(int node, int joint) => _pixels[(node * JointCount) + joint];

    internal bool Compatible(int a, int b) => _compatible[((long)a * NodeCount) + b];

    internal double PairErrorAt(int a, int b) => _pairError[((long)a * NodeCount) + b];

    internal ReadOnlySpan<int> NodesOf(int edge) => _edgeNodes.AsSpan(edge * ViewCount, ViewCount);

    internal int MembersOf(int edge) => _edgeMembers[edge];

    internal double CueOf(int edge) => _edgeCue[edge];

    internal double ErrorOf(int edge) => _edgeError[edge];

    internal int MissingOf(int edge) => _edgeMissing[edge];

    internal ReadOnlySpan<int> TupleOf(int edge) => _edgeTuples.AsSpan(edge * ViewCount, ViewCount);

    /// <summary>Starts a frame of <paramref name="viewCount"/> views and <paramref name="jointCount"/> joints with room for <paramref name="maxNodes"/> nodes.</summary>
    internal void Reset(int viewCount, int jointCount, int maxNodes)
    {
        ViewCount = viewCount;
        JointCount = jointCount;
        NodeCount = 0;
        EdgeCount = 0;
        MultiViewEdgeCount = 0;
        CompatiblePairCount = 0;
        DuplicateDetections = 0;
        DetectionsOverLimit = 0;
        RestrictedEnumeration = false;
        PrunedPairCount = 0;
        PrunedEdgeCount = 0;
        Grow(ref _viewStart, viewCount + 1);
        Array.Fill(_viewStart, 0, 0, viewCount + 1);
        Grow(ref _nodeView, maxNodes);
        Grow(ref _nodeDetection, maxNodes);
        var slots = (long)maxNodes * jointCount;
        Grow(ref _rays, slots);
        Grow(ref _weights, slots);
        Grow(ref _pixels, slots);
        Grow(ref _incidenceStart, maxNodes + 1);
        _incidenceStart[0] = 0;
    }

    internal void BeginView(int view) => _viewStart[view] = NodeCount;

    internal void EndViews() => _viewStart[ViewCount] = NodeCount;

    /// <summary>The observation slots (rays, weights, pixels; <c>[J]</c> each) of the node that <see cref="CommitNode"/> would add next.</summary>
    internal void NextNodeSlots(out Span<Ray> rays, out Span<double> weights, out Span<Vec2> pixels)
    {
        var offset = NodeCount * JointCount;
        rays = _rays.AsSpan(offset, JointCount);
        weights = _weights.AsSpan(offset, JointCount);
        pixels = _pixels.AsSpan(offset, JointCount);
    }

    internal void CommitNode(int view, int detection)
    {
        _nodeView[NodeCount] = view;
        _nodeDetection[NodeCount] = detection;
        NodeCount++;
    }

    /// <summary>Drops every node (a frame with fewer than two views with nodes: nothing can be triangulated).</summary>
    internal void ClearNodes()
    {
        NodeCount = 0;
        Array.Fill(_viewStart, 0, 0, ViewCount + 1);
    }

    /// <summary>Sizes and clears the pair tables for the current nodes.</summary>
    internal void ResetPairs()
    {
        var square = (long)NodeCount * NodeCount;
        Grow(ref _pairError, square);
        Grow(ref _compatible, square);
        Array.Clear(_compatible, 0, (int)square);
    }

    internal void SetPair(int a, int b, double error, bool compatible)
    {
        long n = NodeCount;
        _pairError[(a * n) + b] = _pairError[(b * n) + a] = error;
        _compatible[(a * n) + b] = _compatible[(b * n) + a] = compatible;
    }

    /// <summary>Marks the pair (a, b) incompatible (pair pruning); its error stays readable.</summary>
    internal void DropPair(int a, int b)
    {
        long n = NodeCount;
        _compatible[(a * n) + b] = _compatible[(b * n) + a] = false;
    }

    /// <summary>The triangulation slots (<c>[J]</c>, cleared) of the edge that <see cref="CommitEdge"/> would add next.</summary>
    internal void NextEdgeSlots(out Span<Vec3> points, out Span<bool> valid)
    {
        var e = EdgeCount;
        var j = JointCount;
        GrowKeep(ref _edgePoints, (e + 1) * j);
        GrowKeep(ref _edgePointValid, (e + 1) * j);
        points = _edgePoints.AsSpan(e * j, j);
        valid = _edgePointValid.AsSpan(e * j, j);
        points.Clear();
        valid.Clear();
    }

    /// <summary>
    /// Adds the edge whose slots <see cref="NextEdgeSlots"/> handed out: <paramref name="nodesPerView"/> (node per view,
    /// −1 = dustbin) with <paramref name="members"/> real members. Multi-view edges must all precede singletons.
    /// </summary>
    internal void CommitEdge(ReadOnlySpan<int> nodesPerView, int members, double cue, double error, int missing)
    {
        var e = EdgeCount;
        var v = ViewCount;
        GrowKeep(ref _edgeNodes, (e + 1) * v);
        GrowKeep(ref _edgeTuples, (e + 1) * v);
        GrowKeep(ref _edgeMembers, e + 1);
        GrowKeep(ref _edgeCue, e + 1);
        GrowKeep(ref _edgeError, e + 1);
        GrowKeep(ref _edgeMissing, e + 1);
        nodesPerView.CopyTo(_edgeNodes.AsSpan(e * v, v));
        for (var i = 0; i < v; i++)
        {
            var node = nodesPerView[i];
            _edgeTuples[(e * v) + i] = node >= 0 ? _nodeDetection[node] : -1;
        }

        _edgeMembers[e] = members;
        _edgeCue[e] = cue;
        _edgeError[e] = error;
        _edgeMissing[e] = missing;
        EdgeCount = e + 1;
        if (members >= 2)
        {
            MultiViewEdgeCount = EdgeCount;
        }
    }

    /// <summary>The incidence row of <paramref name="node"/> after <see cref="BuildIncidence"/> (unchecked).</summary>
    internal ReadOnlySpan<int> IncidentEdges(int node) => _incidence.AsSpan(_incidenceStart[node], _incidenceStart[node + 1] - _incidenceStart[node]);

    /// <summary>
    /// Keeps only the edges with <paramref name="keep"/>[e] set, in their order (all edges must be multi-view: call
    /// before singletons are listed), and returns how many were dropped. The incidence must be rebuilt afterwards.
    /// </summary>
    internal int CompactEdges(ReadOnlySpan<bool> keep)
    {
        var v = ViewCount;
        var j = JointCount;
        var w = 0;
        for (var e = 0; e < EdgeCount; e++)
        {
            if (!keep[e])
            {
                continue;
            }

            if (w != e)
            {
                _edgeNodes.AsSpan(e * v, v).CopyTo(_edgeNodes.AsSpan(w * v, v));
                _edgeTuples.AsSpan(e * v, v).CopyTo(_edgeTuples.AsSpan(w * v, v));
                _edgePoints.AsSpan(e * j, j).CopyTo(_edgePoints.AsSpan(w * j, j));
                _edgePointValid.AsSpan(e * j, j).CopyTo(_edgePointValid.AsSpan(w * j, j));
                _edgeMembers[w] = _edgeMembers[e];
                _edgeCue[w] = _edgeCue[e];
                _edgeError[w] = _edgeError[e];
                _edgeMissing[w] = _edgeMissing[e];
            }

            w++;
        }

        var dropped = EdgeCount - w;
        EdgeCount = w;
        MultiViewEdgeCount = w;
        return dropped;
    }

    /// <summary>Builds the node → edges incidence lists of the committed edges.</summary>
    internal void BuildIncidence()
    {
        var n = NodeCount;
        var v = ViewCount;
        var starts = _incidenceStart.AsSpan(0, n + 1);
        starts.Clear();
        var total = 0;
        for (var e = 0; e < EdgeCount; e++)
        {
            foreach (var node in _edgeNodes.AsSpan(e * v, v))
            {
                if (node >= 0)
                {
                    starts[node + 1]++;
                    total++;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            starts[i + 1] += starts[i];
        }

        Grow(ref _incidence, total);
        Span<int> fill = n <= 256 ? stackalloc int[n] : new int[n];
        starts[..n].CopyTo(fill);
        for (var e = 0; e < EdgeCount; e++)
        {
            foreach (var node in _edgeNodes.AsSpan(e * v, v))
            {
                if (node >= 0)
                {
                    _incidence[fill[node]++] = e;
                }
            }
        }
    }

    private int CheckNode(int node)
    {
        if ((uint)node >= (uint)NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"node index outside 0..{NodeCount - 1}");
        }

        return node;
    }

    private int CheckEdge(int edge)
    {
        if ((uint)edge >= (uint)EdgeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(edge), edge, $"edge index outside 0..{EdgeCount - 1}");
        }

        return edge;
    }

    private static void Grow<T>(ref T[] array, long length)
    {
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"a candidate table of {length} entries exceeds the largest array; lower AssociationOptions.MaxNodes");
        }

        if (array.Length < length)
        {
            array = new T[Math.Min(Array.MaxLength, Math.Max(length, array.Length * 2L))];
        }
    }

    private static void GrowKeep<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }
}
