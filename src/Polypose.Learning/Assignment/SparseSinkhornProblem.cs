namespace Polypose.Learning.Assignment;

/// <summary>
/// The fixed structure of one sparse multi-marginal Sinkhorn projection Π_S (DisPOSE 3.4), in float64 log domain:
/// for every view v and every (sample, index) group of that mode (index = slot n or the dustbin N) the log target
/// mass, and for every edge its group in each mode. Capacity targets: a valid node 1/N, the dustbin
/// ((N − n_v) + ε)/N, an invalid node −∞ (its edges start at −∞). A sample with fewer than two non-empty views has all
/// its nodes treated as invalid (nothing to associate; its dustbin target is 1). One fallback all-dustbin edge per
/// sample (logit α·V) is appended after the M real edges. Build once per graph; <see cref="Solve"/> may run many times.
/// </summary>
public sealed class SparseSinkhornProblem
{
    private readonly int _edges;
    private readonly int _total;
    private readonly int _groupsPerView;
    private readonly int[] _group;
    private readonly double[] _logTarget;
    private readonly double[] _prior;
    private readonly bool[] _edgeValid;

    /// <summary>Builds the targets and groups for <paramref name="graph"/>.</summary>
    public SparseSinkhornProblem(CandidateHyperedges graph, SinkhornOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new SinkhornOptions();
        Graph = graph;
        Options = options;
        int b = graph.Samples, views = graph.Views, n = graph.Slots;
        _edges = graph.EdgeCount;
        _total = _edges + b;
        _groupsPerView = b * (n + 1);
        var mask = graph.NodeMask;

        // Effective node validity: samples with < 2 non-empty views have no valid nodes.
        var valid = mask.ToArray();
        for (var s = 0; s < b; s++)
        {
            var nonEmpty = 0;
            for (var v = 0; v < views; v++)
            {
                for (var k = 0; k < n; k++)
                {
                    if (valid[graph.NodeIndex(s, v, k)])
                    {
                        nonEmpty++;
                        break;
                    }
                }
            }

            if (nonEmpty < 2)
            {
                for (var v = 0; v < views; v++)
                {
                    Array.Clear(valid, graph.NodeIndex(s, v, 0), n);
                }
            }
        }

        _logTarget = new double[views * _groupsPerView];
        for (var s = 0; s < b; s++)
        {
            for (var v = 0; v < views; v++)
            {
                var count = 0;
                var row = (v * _groupsPerView) + (s * (n + 1));
                for (var k = 0; k < n; k++)
                {
                    var ok = valid[graph.NodeIndex(s, v, k)];
                    count += ok ? 1 : 0;
                    _logTarget[row + k] = ok ? -Math.Log(n) : double.NegativeInfinity;
                }

                _logTarget[row + n] = count == 0 && !AnyValid(valid, graph, s)
                    ? 0.0
                    : Math.Log((n - count + options.DustbinSlack) / n);
            }
        }

        _group = new int[views * _total];
        _prior = new double[_total];
        _edgeValid = new bool[_total];
        for (var e = 0; e < _total; e++)
        {
            var real = e < _edges;
            var s = real ? graph.EdgeSample[e] : e - _edges;
            var ok = true;
            var dustbins = 0;
            for (var v = 0; v < views; v++)
            {
                var k = real ? graph.Slot(e, v) : -1;
                if (k < 0)
                {
                    dustbins++;
                    k = n;
                }
                else if (!valid[graph.NodeIndex(s, v, k)])
                {
                    ok = false;
                }

                _group[(v * _total) + e] = (s * (n + 1)) + k;
            }

            _prior[e] = options.DustbinPrior * dustbins;
            _edgeValid[e] = ok;
        }
    }

    /// <summary>The hyperedges this problem projects onto.</summary>
    public CandidateHyperedges Graph { get; }

    /// <summary>The settings.</summary>
    public SinkhornOptions Options { get; }

    /// <summary>M + B: the real edges followed by one fallback all-dustbin edge per sample.</summary>
    public int TotalEdges => _total;

    /// <summary>
    /// Runs <paramref name="iterations"/> sweeps of iterative proportional fitting from the logits
    /// <paramref name="logits"/> <c>[edges]</c> (natural log masses before the dustbin prior) and returns the result;
    /// keep it to call <see cref="SinkhornResult.Backward"/>.
    /// </summary>
    public SinkhornResult Solve(ReadOnlySpan<double> logits, int iterations, bool recordTape = false)
    {
        if (logits.Length != _edges)
        {
            throw new ArgumentException($"logits has {logits.Length} entries, expected one per edge ({_edges})", nameof(logits));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var views = Graph.Views;
        var l = new double[_total];
        for (var e = 0; e < _total; e++)
        {
            var raw = e < _edges ? logits[e] : 0.0;
            l[e] = _edgeValid[e] && !double.IsNaN(raw) ? raw + _prior[e] : double.NegativeInfinity;
        }

        var steps = iterations * views;
        var tape = recordTape ? new double[steps][] : null;
        var lse = new double[_groupsPerView];
        var max = new double[_groupsPerView];
        for (var step = 0; step < steps; step++)
        {
            var v = step % views;
            var group = _group.AsSpan(v * _total, _total);
            var target = _logTarget.AsSpan(v * _groupsPerView, _groupsPerView);
            GroupLogSumExp(l, group, max, lse);
            if (tape is not null)
            {
                tape[step] = (double[])lse.Clone();
            }

            for (var e = 0; e < _total; e++)
            {
                var g = group[e];
                if (double.IsFinite(target[g]) && double.IsFinite(lse[g]))
                {
                    l[e] += target[g] - lse[g];
                }
            }
        }

        return new SinkhornResult(this, l, iterations, tape);
    }

    /// <summary>The log-marginal of every group of mode <paramref name="view"/> (<c>[samples, N + 1]</c>) at <paramref name="logMass"/>.</summary>
    internal double[] LogMarginals(ReadOnlySpan<double> logMass, int view)
    {
        var lse = new double[_groupsPerView];
        GroupLogSumExp(logMass, _group.AsSpan(view * _total, _total), new double[_groupsPerView], lse);
        return lse;
    }

    /// <summary>The log targets of mode <paramref name="view"/>, <c>[samples, N + 1]</c> (−∞ for invalid nodes).</summary>
    public ReadOnlySpan<double> LogTargets(int view) => _logTarget.AsSpan(view * _groupsPerView, _groupsPerView);

    /// <summary>Reverse-mode sweep: maps d loss / d log-mass after the last step to d loss / d logits.</summary>
    internal void Backward(double[] finalLog, double[][] tape, double[] grad)
    {
        var views = Graph.Views;
        var sum = new double[_groupsPerView];
        var cur = (double[])finalLog.Clone();
        for (var step = tape.Length - 1; step >= 0; step--)
        {
            var v = step % views;
            var group = _group.AsSpan(v * _total, _total);
            var target = _logTarget.AsSpan(v * _groupsPerView, _groupsPerView);
            var lse = tape[step];
            Array.Clear(sum);
            for (var e = 0; e < _total; e++)
            {
                sum[group[e]] += grad[e];
            }

            for (var e = 0; e < _total; e++)
            {
                var g = group[e];
                if (double.IsFinite(target[g]) && double.IsFinite(lse[g]))
                {
                    // Output l'_e = l_e + T_g − LSE_g(l): d/dl_e = g'_e − softmax_g(l)_e · Σ_g g'; softmax_g(l)_e = exp(l'_e − T_g).
                    var p = double.IsNegativeInfinity(cur[e]) ? 0.0 : Math.Exp(cur[e] - target[g]);
                    cur[e] -= target[g] - lse[g];
                    grad[e] -= p * sum[g];
                }
            }
        }

        for (var e = 0; e < _total; e++)
        {
            if (!_edgeValid[e])
            {
                grad[e] = 0;
            }
        }
    }

    private static void GroupLogSumExp(ReadOnlySpan<double> l, ReadOnlySpan<int> group, double[] max, double[] lse)
    {
        Array.Fill(max, double.NegativeInfinity);
        for (var e = 0; e < l.Length; e++)
        {
            if (l[e] > max[group[e]])
            {
                max[group[e]] = l[e];
            }
        }

        Array.Clear(lse);
        for (var e = 0; e < l.Length; e++)
        {
            var m = max[group[e]];
            if (double.IsFinite(m))
            {
                lse[group[e]] += Math.Exp(l[e] - m);
            }
        }

        for (var g = 0; g < lse.Length; g++)
        {
            lse[g] = double.IsFinite(max[g]) ? max[g] + Math.Log(Math.Max(lse[g], 1e-30)) : double.NegativeInfinity;
        }
    }

    private static bool AnyValid(bool[] valid, CandidateHyperedges graph, int sample) =>
        Array.IndexOf(valid, true, graph.NodeIndex(sample, 0, 0), graph.Views * graph.Slots) >= 0;
}
