
namespace Polypose.Tensors.Optim;

/// <summary>
/// Adam (PyTorch <c>torch.optim.Adam</c>): m = β1 m + (1-β1) g, v = β2 v + (1-β2) g², p -= lr·m̂ / (sqrt(v̂) + eps),
/// with L2 weight decay added to g. Fused SIMD span loop per parameter; state exportable by parameter name.
/// </summary>
public class Adam : Optimizer
{
    private readonly float[][] _expAvg;
    private readonly float[][] _expAvgSq;
    private readonly long[] _steps;

    /// <summary>Creates Adam over named parameters.</summary>
    public Adam(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        _expAvg = Parameters.Select(p => new float[p.Parameter.NumEl]).ToArray();
        _expAvgSq = Parameters.Select(p => new float[p.Parameter.NumEl]).ToArray();
        _steps = new long[Parameters.Count];
    }

    /// <summary>Creates Adam over unnamed parameters.</summary>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(parameters.Select((p, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), p)), learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; }

    /// <summary>Weight decay coefficient (L2 for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>True for AdamW's decoupled decay p *= 1 - lr·wd.</summary>
    protected virtual bool DecoupledWeightDecay => false;

    /// <inheritdoc />
    public override void Step()
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            var (name, p) = Parameters[i];
            var g = GradSpan(name, p);
            if (g.IsEmpty && p.NumEl > 0)
            {
                continue;
            }

            var t = ++_steps[i];
            var bc1 = 1.0 - Math.Pow(Beta1, t);
            var bc2 = 1.0 - Math.Pow(Beta2, t);
            Update(p.AsSpan(), g, _expAvg[i], _expAvgSq[i], bc1, bc2);
        }
    }

    private void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, double bc1, double bc2)
    {
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var stepSize = (float)(LearningRate / bc1);
        var invSqrtBc2 = (float)(1.0 / Math.Sqrt(bc2));
        var eps = (float)Eps;
        var l2 = DecoupledWeightDecay ? 0f : (float)WeightDecay;
        var decay = DecoupledWeightDecay ? (float)(1.0 - (LearningRate * WeightDecay)) : 1f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && p.Length >= Vector<float>.Count)
        {
            var vb1 = new Vector<float>(b1);
            var vb1c = new Vector<float>(1f - b1);
            var vb2 = new Vector<float>(b2);
            var vb2c = new Vector<float>(1f - b2);
            var vstep = new Vector<float>(stepSize);
            var vinv = new Vector<float>(invSqrtBc2);
            var veps = new Vector<float>(eps);
            var vl2 = new Vector<float>(l2);
            var vdecay = new Vector<float>(decay);
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var pv = new Vector<float>(p[i..]);
                var gv = new Vector<float>(g[i..]) + (vl2 * pv);
                var mv = (vb1 * new Vector<float>(m[i..])) + (vb1c * gv);
                var vv = (vb2 * new Vector<float>(v[i..])) + (vb2c * gv * gv);
                mv.CopyTo(m[i..]);
                vv.CopyTo(v[i..]);
                pv = (pv * vdecay) - (vstep * mv / ((Vector.SquareRoot(vv) * vinv) + veps));
                pv.CopyTo(p[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            var gi = g[i] + (l2 * p[i]);
            m[i] = (b1 * m[i]) + ((1f - b1) * gi);
            v[i] = (b2 * v[i]) + ((1f - b2) * gi * gi);
            p[i] = (p[i] * decay) - (stepSize * m[i] / ((MathF.Sqrt(v[i]) * invSqrtBc2) + eps));
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var (name, p) = Parameters[i];
            d[name + ".step"] = Tensor.FromArray([_steps[i]], []);
            d[name + ".exp_avg"] = Tensor.FromArray(_expAvg[i], p.Shape);
            d[name + ".exp_avg_sq"] = Tensor.FromArray(_expAvgSq[i], p.Shape);
        }

        return d;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var name = Parameters[i].Name;
            if (!state.TryGetValue(name + ".step", out var step))
            {
                throw new ArgumentException($"optimizer state is missing '{name}.step'", nameof(state));
            }

            _steps[i] = step.ItemInt64();
            Restore(state, name + ".exp_avg", _expAvg[i]);
            Restore(state, name + ".exp_avg_sq", _expAvgSq[i]);
        }
    }
}
