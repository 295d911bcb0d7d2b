namespace Polypose.Tensors.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay (PyTorch <c>torch.optim.SGD</c>):
/// g += wd·p; b = μ b + (1 - dampening) g (b = g on the first step); d = nesterov ? g + μ b : b; p -= lr·d.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _momentumBuffers;

    /// <summary>Creates SGD over named parameters.</summary>
    public Sgd(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffers = new float[]?[Parameters.Count];
    }

    /// <summary>Creates SGD over unnamed parameters.</summary>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(parameters.Select((p, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), p)), learningRate, momentum, dampening, weightDecay, nesterov)
    {
    }

    /// <summary>Momentum factor μ.</summary>
    public double Momentum { get; }

    /// <summary>Dampening for momentum.</summary>
    public double Dampening { get; }

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override void Step()
    {
        var lr = (float)LearningRate;
        var mu = (float)Momentum;
        var damp = (float)Dampening;
        var wd = (float)WeightDecay;
        for (var k = 0; k < Parameters.Count; k++)
        {
            var (name, param) = Parameters[k];
            var g = GradSpan(name, param);
            if (g.IsEmpty)
            {
                continue;
            }

            var p = param.AsSpan();
            var first = _momentumBuffers[k] is null;
            var buf = mu != 0f ? _momentumBuffers[k] ??= new float[p.Length] : null;
            for (var i = 0; i < p.Length; i++)
            {
                var d = g[i] + (wd * p[i]);
                if (buf is not null)
                {
                    buf[i] = first ? d : (mu * buf[i]) + ((1f - damp) * d);
                    d = Nesterov ? d + (mu * buf[i]) : buf[i];
                }

                p[i] -= lr * d;
            }
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var k = 0; k < Parameters.Count; k++)
        {
            if (_momentumBuffers[k] is { } buf)
            {
                d[Parameters[k].Name + ".momentum_buffer"] = Tensor.FromArray(buf, Parameters[k].Parameter.Shape);
            }
        }

        return d;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var k = 0; k < Parameters.Count; k++)
        {
            var key = Parameters[k].Name + ".momentum_buffer";
            if (state.ContainsKey(key))
            {
                _momentumBuffers[k] = new float[Parameters[k].Parameter.NumEl];
                Restore(state, key, _momentumBuffers[k]!);
            }
            else
            {
                _momentumBuffers[k] = null;
            }
        }
    }
}
