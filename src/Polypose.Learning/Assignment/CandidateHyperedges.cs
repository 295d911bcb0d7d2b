namespace Polypose.Learning.Assignment;

/// <summary>
/// The candidate hyperedges of a batch of samples (DisPOSE 3.1), the minimal input Stage I consumes; built from the
/// teacher's candidate hypergraph or by hand. A sample b (a frame, or one augmentation slot of a frame) has V views with
/// N candidate slots each; slot n of view v is a <b>node</b> when <see cref="NodeMask"/> says so. A hyperedge picks in
/// every view either one node or the <b>dustbin</b> (-1: the person is not observed there); at least one pick is real.
/// Layouts: <see cref="Tuples"/> <c>[edges, views]</c> (slot or -1), <see cref="EdgeSample"/> <c>[edges]</c>,
/// <see cref="NodeMask"/> <c>[samples, views, slots]</c>, <see cref="Cue"/> <c>[edges]</c> (geometric cue z in (0, 1]).
/// Nodes are numbered globally as <c>(b·V + v)·N + n</c>. Immutable.
/// </summary>
public sealed class CandidateHyperedges
{
    private readonly int[] _tuples;
    private readonly int[] _edgeSample;
    private readonly bool[] _nodeMask;
    private readonly double[] _cue;
    private int[]? _incidenceNode;
    private int[]? _incidenceEdge;

    /// <summary>Checks and stores the hyperedges; throws <see cref="ArgumentException"/> naming the first bad entry.</summary>
    /// <param name="samples">B, the number of samples.</param>
    /// <param name="views">V, views per sample (the same for every sample of a batch).</param>
    /// <param name="slots">N, candidate slots per view (also the capacity of the Sinkhorn targets).</param>
    /// <param name="tuples"><c>[edges, views]</c> row-major: slot index in [0, N) or -1 for the dustbin.</param>
    /// <param name="edgeSample"><c>[edges]</c>: the sample each edge belongs to.</param>
    /// <param name="nodeMask"><c>[samples, views, slots]</c>: which slots hold a candidate.</param>
    /// <param name="cue"><c>[edges]</c>: geometric cue z (null: all 1).</param>
    public CandidateHyperedges(int samples, int views, int slots, int[] tuples, int[] edgeSample, bool[] nodeMask, double[]? cue = null)
    {
        ArgumentNullException.ThrowIfNull(tuples);
        ArgumentNullException.ThrowIfNull(edgeSample);
        ArgumentNullException.ThrowIfNull(nodeMask);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(views, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (tuples.Length != edgeSample.Length * views)
        {
            throw new ArgumentException($"tuples has {tuples.Length} entries, expected edges·views = {edgeSample.Length}·{views}", nameof(tuples));
        }

        if (nodeMask.Length != samples * views * slots)
        {
            throw new ArgumentException($"nodeMask has {nodeMask.Length} entries, expected samples·views·slots = {samples}·{views}·{slots}", nameof(nodeMask));
        }

        var m = edgeSample.Length;
        cue ??= Enumerable.Repeat(1.0, m).ToArray();
        if (cue.Length != m)
        {
            throw new ArgumentException($"cue has {cue.Length} entries, expected {m} (one per edge)", nameof(cue));
        }

        for (var e = 0; e < m; e++)
        {
            if ((uint)edgeSample[e] >= (uint)samples)
            {
                throw new ArgumentException($"edge {e}: sample {edgeSample[e]} is outside [0, {samples})", nameof(edgeSample));
            }

            var real = 0;
            for (var v = 0; v < views; v++)
            {
                var n = tuples[(e * views) + v];
                if (n < -1 || n >= slots)
                {
                    throw new ArgumentException($"edge {e}, view {v}: slot {n} is outside [-1, {slots})", nameof(tuples));
                }

                real += n >= 0 ? 1 : 0;
            }

            if (real == 0)
            {
                throw new ArgumentException($"edge {e} has no real node (all dustbins); such tuples are never candidates", nameof(tuples));
            }

            if (!double.IsFinite(cue[e]))
            {
                throw new ArgumentException($"edge {e}: cue {cue[e]} is not finite", nameof(cue));
            }
        }

        Samples = samples;
        Views = views;
        Slots = slots;
        _tuples = (int[])tuples.Clone();
        _edgeSample = (int[])edgeSample.Clone();
        _nodeMask = (bool[])nodeMask.Clone();
        _cue = (double[])cue.Clone();
    }

    /// <summary>B, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>V, views per sample.</summary>
    public int Views { get; }

    /// <summary>N, candidate slots per view.</summary>
    public int Slots { get; }

    /// <summary>M, the number of hyperedges.</summary>
    public int EdgeCount => _edgeSample.Length;

    /// <summary>B·V·N, the number of node slots (valid or not).</summary>
    public int NodeSlotCount => Samples * Views * Slots;

    /// <summary><c>[edges, views]</c> row-major: slot index or -1 (dustbin).</summary>
    public ReadOnlySpan<int> Tuples => _tuples;

    /// <summary><c>[edges]</c>: the sample of each edge.</summary>
    public ReadOnlySpan<int> EdgeSample => _edgeSample;

    /// <summary><c>[samples, views, slots]</c>: whether the slot holds a candidate.</summary>
    public ReadOnlySpan<bool> NodeMask => _nodeMask;

    /// <summary><c>[edges]</c>: the geometric cue z of each edge.</summary>
    public ReadOnlySpan<double> Cue => _cue;

    /// <summary>The slot edge <paramref name="edge"/> picks in view <paramref name="view"/>, or -1 (dustbin).</summary>
    public int Slot(int edge, int view) => _tuples[(edge * Views) + view];

    /// <summary>The global node index <c>(b·V + v)·N + n</c>.</summary>
    public int NodeIndex(int sample, int view, int slot) => (((sample * Views) + view) * Slots) + slot;

    /// <summary>Number of real (non-dustbin) members of an edge.</summary>
    public int MemberCount(int edge)
    {
        var c = 0;
        for (var v = 0; v < Views; v++)
        {
            c += _tuples[(edge * Views) + v] >= 0 ? 1 : 0;
        }

        return c;
    }

    /// <summary>
    /// The same candidates under a new node mask <c>[samples, views, slots]</c> (e.g. after view dropout, or with
    /// distractor nodes removed): edges touching a slot that is no longer a node are dropped, the rest keep their order.
    /// Returns the new set and, per kept edge, its index here.
    /// </summary>
    public (CandidateHyperedges Graph, int[] KeptEdges) WithNodes(ReadOnlySpan<bool> nodeMask)
    {
        if (nodeMask.Length != NodeSlotCount)
        {
            throw new ArgumentException($"nodeMask has {nodeMask.Length} entries, expected {NodeSlotCount}", nameof(nodeMask));
        }

        var kept = new List<int>();
        for (var e = 0; e < EdgeCount; e++)
        {
            var ok = true;
            for (var v = 0; v < Views && ok; v++)
            {
                var n = Slot(e, v);
                ok = n < 0 || nodeMask[NodeIndex(_edgeSample[e], v, n)];
            }

            if (ok)
            {
                kept.Add(e);
            }
        }

        var tuples = new int[kept.Count * Views];
        for (var i = 0; i < kept.Count; i++)
        {
            Array.Copy(_tuples, kept[i] * Views, tuples, i * Views, Views);
        }

        var graph = new CandidateHyperedges(
            Samples, Views, Slots, tuples, [.. kept.Select(e => _edgeSample[e])], nodeMask.ToArray(), [.. kept.Select(e => _cue[e])]);
        return (graph, [.. kept]);
    }

    /// <summary>Incidence list, one entry per real member of an edge (edge-major order): global node index.</summary>
    public ReadOnlySpan<int> IncidenceNode
    {
        get
        {
            BuildIncidence();
            return _incidenceNode;
        }
    }

    /// <summary>Incidence list, one entry per real member of an edge (edge-major order): edge index.</summary>
    public ReadOnlySpan<int> IncidenceEdge
    {
        get
        {
            BuildIncidence();
            return _incidenceEdge;
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_incidenceNode), nameof(_incidenceEdge))]
    private void BuildIncidence()
    {
        if (_incidenceNode is not null && _incidenceEdge is not null)
        {
            return;
        }

        var nodes = new List<int>();
        var edges = new List<int>();
        for (var e = 0; e < EdgeCount; e++)
        {
            for (var v = 0; v < Views; v++)
            {
                var n = _tuples[(e * Views) + v];
                if (n >= 0)
                {
                    nodes.Add(NodeIndex(_edgeSample[e], v, n));
                    edges.Add(e);
                }
            }
        }

        _incidenceEdge = [.. edges];
        _incidenceNode = [.. nodes];
    }
}
