using Polypose.Tensors.Autograd;

namespace Polypose.Tensors.Memory;

/// <summary>
/// Deterministic lifetime for tensor storage on the current thread (created by <see cref="Tensor.Scope"/>). Every
/// tensor storage created on this thread while the scope is the innermost one belongs to it; <see cref="Dispose"/>
/// returns all of it to the <see cref="TensorPool"/> and invalidates the tensors over it (any data access then throws
/// <see cref="ObjectDisposedException"/>), except storage moved out with <see cref="Keep"/> /
/// <see cref="Tensor.MoveToOuterScope"/>, which goes to the enclosing scope (or to the GC when there is none).
/// </summary>
/// <remarks>
/// <para>Autograd: when a kept tensor has a recorded graph, the inputs, outputs and <c>SaveForBackward</c> tensors of
/// every node it reaches stay alive after the scope ends, and <see cref="Tensor.Backward"/> releases them as it frees
/// each node. Other temporaries the scope created are released at once, so run backward inside the scope or keep the
/// loss. Leaf gradients are never scope-owned: they are allocated once and accumulated in place.</para>
/// <para>Scopes nest and must be disposed in reverse order of creation on the thread that created them. Tensors created
/// outside any scope behave as before (garbage collected).</para>
/// </remarks>
/// <example><code>
/// for (var step = 0; step &lt; steps; step++)
/// {
///     using var scope = Tensor.Scope();
///     optimizer.ZeroGrad(setToNone: false);
///     var loss = model.Forward(x).Square().Mean();
///     loss.Backward();
///     optimizer.Step();
///     lastLoss = scope.Keep(loss.Detach()).Item();
/// }
/// </code></example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    private readonly TensorScope? _parent;
    private readonly int _threadId;
    private List<TensorStorage> _owned;
    private List<Tensor>? _keptGraphs;
    private bool _disposed;

    internal TensorScope()
    {
        _parent = t_current;
        _threadId = Environment.CurrentManagedThreadId;
        _owned = ListCache.Take();
        t_current = this;
    }

    /// <summary>Gets the innermost active scope on this thread, or null.</summary>
    public static TensorScope? Current => t_current;

    /// <summary>Gets the number of storages this scope will release (for diagnostics and tests).</summary>
    public int OwnedCount
    {
        get
        {
            var n = 0;
            foreach (var s in _owned)
            {
                n += s.Owner == this ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>
    /// Moves <paramref name="tensor"/>'s storage (shared by all its views) to the enclosing scope, or to the GC when this
    /// is the outermost scope, and keeps the graph it was recorded in alive until backward frees it. Returns the tensor.
    /// </summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var s = tensor.Store;
        if (s.Owner == this)
        {
            s.Owner = null;
            _parent?.Register(s);
        }

        if (tensor.GradFn is not null)
        {
            (_keptGraphs ??= []).Add(tensor);
        }

        return tensor;
    }

    /// <summary>Releases every storage this scope still owns and restores the enclosing scope.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (Environment.CurrentManagedThreadId != _threadId || t_current != this)
        {
            throw new InvalidOperationException("TensorScope must be disposed on the thread that created it, innermost scope first");
        }

        _disposed = true;
        t_current = _parent;
        if (_keptGraphs is not null)
        {
            PinKeptGraphs();
        }

        foreach (var s in _owned)
        {
            if (s.Owner != this)
            {
                continue;
            }

            if (s.IsPinned)
            {
                s.Owner = null;
                continue;
            }

            s.Release("its Tensor.Scope() ended");
        }

        ListCache.Give(_owned);
        _owned = [];
    }

    internal void Register(TensorStorage storage)
    {
        storage.Owner = this;
        _owned.Add(storage);
    }

    private void PinKeptGraphs()
    {
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        foreach (var t in _keptGraphs!)
        {
            if (t.GradFn is { } root && visited.Add(root))
            {
                stack.Push(root);
            }
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            node.PinOwnedBy(this);
            foreach (var input in node.Inputs)
            {
                if (input.GradFn is { } child && visited.Add(child))
                {
                    stack.Push(child);
                }
            }
        }

        _keptGraphs = null;
    }

    private static class ListCache
    {
        [ThreadStatic]
        private static Stack<List<TensorStorage>>? t_free;

        public static List<TensorStorage> Take() => t_free is { Count: > 0 } f ? f.Pop() : new List<TensorStorage>(256);

        public static void Give(List<TensorStorage> list)
        {
            list.Clear();
            (t_free ??= new Stack<List<TensorStorage>>()).Push(list);
        }
    }
}
