using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Nn;

/// <summary>
/// Base of all layers (PyTorch <c>torch.nn.Module</c>): owns named parameters, buffers and child modules; names are
/// joined with dots as in PyTorch <c>state_dict</c> keys ("layers.0.weight").
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>True in training mode (dropout active, batch norm uses batch statistics).</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and all descendants (PyTorch <c>module.train(mode)</c>).</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var child in _children)
        {
            child.Value.Train(mode);
        }

        return this;
    }

    /// <summary>Switches to evaluation mode (PyTorch <c>module.eval()</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>Parameters of this module and its descendants with dotted names, in registration order.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(string prefix = "")
    {
        foreach (var p in _parameters)
        {
            yield return (prefix + p.Key, p.Value);
        }

        foreach (var c in _children)
        {
            foreach (var item in c.Value.NamedParameters(prefix + c.Key + "."))
            {
                yield return item;
            }
        }
    }

    /// <summary>All parameters, recursively.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Buffers (non-trainable state such as running statistics) with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "")
    {
        foreach (var b in _buffers)
        {
            yield return (prefix + b.Key, b.Value);
        }

        foreach (var c in _children)
        {
            foreach (var item in c.Value.NamedBuffers(prefix + c.Key + "."))
            {
                yield return item;
            }
        }
    }

    /// <summary>Direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children.Select(c => (c.Key, c.Value));

    /// <summary>Total number of parameter elements.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.NumEl);

    /// <summary>Clears the gradients of all parameters (sets them to null, like PyTorch's set_to_none).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
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
        foreach (var p in Parameters())
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

    /// <summary>Parameters and buffers by PyTorch key; the tensors are detached views sharing storage.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in NamedParameters())
        {
            d[name] = p.Detach();
        }

        foreach (var (name, b) in NamedBuffers())
        {
            d[name] = b.Detach();
        }

        return d;
    }

    /// <summary>
    /// Copies values into parameters and buffers by key (PyTorch <c>load_state_dict</c>). With <paramref name="strict"/>,
    /// missing or unexpected keys throw; a shape mismatch always throws. Returns the keys that were missing.
    /// </summary>
    public IReadOnlyList<string> LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var targets = NamedParameters().Concat(NamedBuffers()).ToList();
        var missing = targets.Where(t => !state.ContainsKey(t.Item1)).Select(t => t.Item1).ToList();
        var known = new HashSet<string>(targets.Select(t => t.Item1), StringComparer.Ordinal);
        var unexpected = state.Keys.Where(k => !known.Contains(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new ArgumentException($"state dict mismatch: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", unexpected)}]", nameof(state));
        }

        foreach (var (name, target) in targets)
        {
            if (!state.TryGetValue(name, out var value))
            {
                continue;
            }

            if (!Shapes.Equal(value.ShapeArray, target.ShapeArray))
            {
                throw new ArgumentException($"size mismatch for {name}: checkpoint has {Shapes.Format(value.ShapeArray)}, model has {Shapes.Format(target.ShapeArray)}", nameof(state));
            }

            target.CopyInPlace(value);
        }

        return missing;
    }

    /// <summary>Registers a trainable parameter (sets RequiresGrad) and returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        parameter.RequiresGrad = true;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a non-trainable buffer and returns it.</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        _buffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module and returns it.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _children.Add(new(name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid module member name '{name}'", nameof(name));
        }

        if (_parameters.Any(p => p.Key == name) || _buffers.Any(p => p.Key == name) || _children.Any(p => p.Key == name))
        {
            throw new ArgumentException($"attribute '{name}' already registered", nameof(name));
        }
    }
}
