using System.Globalization;

namespace Polypose.Tensors.Optim;

/// <summary>Base of the optimisers (PyTorch <c>torch.optim.Optimizer</c>), holding named parameters and a learning rate.</summary>
public abstract class Optimizer
{
    /// <summary>Creates the optimiser over named parameters (e.g. <c>module.NamedParameters()</c>).</summary>
    protected Optimizer(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        Parameters = parameters.ToArray();
        foreach (var (name, p) in Parameters)
        {
            if (p.DType != DType.Float32 || !p.IsContiguous)
            {
                throw new ArgumentException($"parameter '{name}' must be a contiguous float32 tensor", nameof(parameters));
            }
        }

        LearningRate = learningRate;
    }

    /// <summary>Creates the optimiser over unnamed parameters, named "0", "1", ... in state dicts.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
        : this(parameters.Select((p, i) => (i.ToString(CultureInfo.InvariantCulture), p)), learningRate)
    {
    }

    /// <summary>The optimised parameters with their names.</summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> Parameters { get; }

    /// <summary>Current learning rate (schedulers set it before each step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Clears gradients (sets them to null).</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in Parameters)
        {
            p.Grad = null;
        }
    }

    /// <summary>
    /// Clears gradients: <paramref name="setToNone"/> true sets them to null (as <see cref="ZeroGrad()"/>); false zeroes the
    /// existing buffers in place so backward accumulates into the same memory every step (no per-step gradient allocation).
    /// </summary>
    public void ZeroGrad(bool setToNone)
    {
        foreach (var (_, p) in Parameters)
        {
            if (setToNone)
            {
                p.Grad = null;
            }
            else
            {
                p.Grad?.ZeroInPlace();
            }
        }
    }

    /// <summary>Applies one update using the current gradients; parameters without a gradient are skipped.</summary>
    public abstract void Step();

    /// <summary>Exports the optimiser state as tensors keyed "{parameter}.{field}" (e.g. "fc.weight.exp_avg").</summary>
    public abstract Dictionary<string, Tensor> StateDict();

    /// <summary>Restores state exported by <see cref="StateDict"/>; shapes must match.</summary>
    public abstract void LoadStateDict(IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Gradient span of a parameter, or empty when it has none.</summary>
    internal static ReadOnlySpan<float> GradSpan(string name, Tensor p)
    {
        if (p.Grad is not { } g)
        {
            return default;
        }

        if (g.NumEl != p.NumEl)
        {
            throw new InvalidOperationException($"gradient of '{name}' has {g.NumEl} elements, parameter has {p.NumEl}");
        }

        return g.ReadSpan();
    }

    /// <summary>Copies a saved state tensor into a buffer.</summary>
    internal static void Restore(IReadOnlyDictionary<string, Tensor> state, string key, float[] buffer)
    {
        if (!state.TryGetValue(key, out var t))
        {
            throw new ArgumentException($"optimizer state is missing '{key}'", nameof(state));
        }

        if (t.NumEl != buffer.Length)
        {
            throw new ArgumentException($"optimizer state '{key}' has {t.NumEl} elements, expected {buffer.Length}", nameof(state));
        }

        t.ReadSpan().CopyTo(buffer);
    }
}
