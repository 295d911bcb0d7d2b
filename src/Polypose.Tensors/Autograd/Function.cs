using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Autograd;

/// <summary>
/// Base class for custom differentiable ops with a hand-written backward (PyTorch <c>torch.autograd.Function</c>).
/// Derive, implement <see cref="Forward"/> (runs with grad recording off, so it may use any tensor ops or raw spans,
/// e.g. in double precision) and <see cref="Backward"/> (one gradient per input, null for inputs that need none),
/// then call <see cref="Apply"/> or <see cref="ApplyMany"/> on a fresh instance. One instance records one call.
/// </summary>
/// <example><code>
/// sealed class Square : Function
/// {
///     protected override Tensor[] Forward(Tensor[] x) { SaveForBackward(x[0]); return [x[0] * x[0]]; }
///     protected override Tensor?[] Backward(Tensor[] g) => [g[0] * SavedTensors[0] * 2f];
/// }
/// var y = new Square().Apply(x);
/// </code></example>
public abstract class Function
{
    private Tensor[] _saved = [];
    private bool[] _needsInputGrad = [];
    private bool _applied;

    /// <summary>Name shown in <see cref="Tensor.GradFnName"/> and error messages (defaults to the type name).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Tensors stored by <see cref="SaveForBackward"/>, in order.</summary>
    protected IReadOnlyList<Tensor> SavedTensors => _saved;

    /// <summary>Computes the outputs. Runs with gradient recording disabled.</summary>
    /// <param name="inputs">The tensors passed to <see cref="ApplyMany"/>.</param>
    protected abstract Tensor[] Forward(Tensor[] inputs);

    /// <summary>Maps output gradients (same shapes as the outputs; zeros for unused outputs) to input gradients.</summary>
    /// <param name="gradOutputs">One gradient per output.</param>
    /// <returns>One entry per input, each of that input's shape, or null when <see cref="NeedsInputGrad"/> is false.</returns>
    protected abstract Tensor?[] Backward(Tensor[] gradOutputs);

    /// <summary>Stores tensors for use in <see cref="Backward"/> (call from <see cref="Forward"/>).</summary>
    protected void SaveForBackward(params Tensor[] tensors) => _saved = tensors;

    /// <summary>Whether input <paramref name="index"/> requires a gradient in this call.</summary>
    protected bool NeedsInputGrad(int index) => index >= 0 && index < _needsInputGrad.Length && _needsInputGrad[index];

    /// <summary>Runs the op and records it when an input requires grad; returns all outputs.</summary>
    public Tensor[] ApplyMany(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_applied)
        {
            throw new InvalidOperationException($"{Name}: a Function instance can be applied only once; create a new instance per call");
        }

        _applied = true;
        var record = GradMode.ShouldRecord(inputs);
        _needsInputGrad = new bool[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            _needsInputGrad[i] = record && inputs[i].RequiresGrad;
        }

        Tensor[] raw;
        using (new GradModeScope(false))
        {
            raw = Forward(inputs);
        }

        if (raw is null || raw.Length == 0)
        {
            throw new InvalidOperationException($"{Name}.Forward must return at least one tensor");
        }

        var outputs = new Tensor[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            outputs[i] = raw[i].Alias();
        }

        if (record)
        {
            var node = new FunctionNode(this, inputs, outputs.Length)
            {
                OutputShapes = Array.ConvertAll(outputs, o => o.ShapeArray),
                OutputDTypes = Array.ConvertAll(outputs, o => o.DType),
            };
            for (var i = 0; i < outputs.Length; i++)
            {
                if (outputs[i].IsFloatingPoint)
                {
                    outputs[i].SetGradFn(node, i);
                }
            }
        }

        return outputs;
    }

    /// <summary>Runs a single-output op; see <see cref="ApplyMany"/>.</summary>
    public Tensor Apply(params Tensor[] inputs)
    {
        var outputs = ApplyMany(inputs);
        if (outputs.Length != 1)
        {
            throw new InvalidOperationException($"{Name} returned {outputs.Length} outputs; use ApplyMany");
        }

        return outputs[0];
    }

    internal Tensor?[] RunBackward(Tensor[] gradOutputs) => Backward(gradOutputs);

    private sealed class FunctionNode : Node
    {
        private readonly Function _function;

        public FunctionNode(Function function, Tensor[] inputs, int outputs)
            : base(function.Name, inputs, outputs)
        {
            _function = function;
        }

        protected override IReadOnlyList<Tensor> Saved => _function.SavedTensors;

        public override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var grads = _function.RunBackward(gradOutputs);
            for (var i = 0; i < grads.Length && i < Inputs.Length; i++)
            {
                if (grads[i] is { } g && !Shapes.Equal(g.ShapeArray, Inputs[i].ShapeArray))
                {
                    throw new InvalidOperationException($"{Name}.Backward: gradient {i} has shape {Shapes.Format(g.ShapeArray)}, expected {Shapes.Format(Inputs[i].ShapeArray)}");
                }
            }

            return grads;
        }
    }
}
