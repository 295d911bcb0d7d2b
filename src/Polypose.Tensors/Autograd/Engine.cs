using Polypose.Tensors.Internal;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Autograd;

/// <summary>
/// Reverse-mode sweep over the recorded graph (PyTorch <c>torch.autograd.backward</c>). Inside a
/// <see cref="TensorScope"/>, intermediate gradients created by the sweep go back to the pool as soon as their last
/// consumer ran, and storages pinned for a kept graph are released as each node's backward completes.
/// Leaf gradients are allocated once (outside any scope) and accumulated in place afterwards.
/// </summary>
internal static class Engine
{
    public static void Backward(Tensor root, Tensor gradient)
    {
        if (!Shapes.Equal(root.ShapeArray, gradient.ShapeArray))
        {
            throw new ArgumentException($"gradient shape {Shapes.Format(gradient.ShapeArray)} does not match tensor shape {Shapes.Format(root.ShapeArray)}", nameof(gradient));
        }

        if (gradient.DType != root.DType)
        {
            throw new ArgumentException($"gradient dtype {gradient.DType} does not match tensor dtype {root.DType}", nameof(gradient));
        }

        using var scope = new GradModeScope(false);
        if (root.GradFn is null)
        {
            AccumulateLeaf(root, gradient);
            return;
        }

        var order = TopologicalOrder(root.GradFn);
        var pending = new Dictionary<Node, Tensor?[]>(ReferenceEqualityComparer.Instance);
        var live = new GradRefs(TensorScope.Current, TensorStorage.CurrentSerial);
        var first = new Tensor?[root.GradFn.OutputCount];
        first[root.OutputIndex] = gradient;
        pending[root.GradFn] = first;
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (!pending.Remove(node, out var outGrads))
            {
                continue;
            }

            var grads = new Tensor[outGrads.Length];
            for (var k = 0; k < grads.Length; k++)
            {
                grads[k] = outGrads[k] ?? Tensor.Zeros(node.OutputDTypes?[k] ?? DType.Float32, node.OutputShapes![k]);
            }

            var inGrads = node.Backward(grads);
            node.FreeGraphPins();
            if (inGrads.Length != node.Inputs.Length)
            {
                throw new InvalidOperationException($"backward of {node.Name} returned {inGrads.Length} gradients for {node.Inputs.Length} inputs");
            }

            for (var j = 0; j < inGrads.Length; j++)
            {
                var input = node.Inputs[j];
                var g = inGrads[j];
                if (g is null || !input.RequiresGrad)
                {
                    continue;
                }

                if (!Shapes.Equal(g.ShapeArray, input.ShapeArray))
                {
                    throw new InvalidOperationException($"backward of {node.Name} returned a gradient of shape {Shapes.Format(g.ShapeArray)} for input {j} of shape {Shapes.Format(input.ShapeArray)}");
                }

                if (g.DType != input.DType)
                {
                    throw new InvalidOperationException($"backward of {node.Name} returned a {g.DType} gradient for {input.DType} input {j}");
                }

                if (input.GradFn is null)
                {
                    AccumulateLeaf(input, g);
                    continue;
                }

                if (!pending.TryGetValue(input.GradFn, out var slot))
                {
                    slot = new Tensor?[input.GradFn.OutputCount];
                    pending[input.GradFn] = slot;
                }

                var k2 = input.OutputIndex;
                if (slot[k2] is { } previous)
                {
                    var sum = previous + g;
                    live.Hold(sum);
                    slot[k2] = sum;
                    live.Drop(previous);
                }
                else
                {
                    live.Hold(g);
                    slot[k2] = g;
                }
            }

            for (var k = 0; k < grads.Length; k++)
            {
                if (outGrads[k] is not null)
                {
                    live.Drop(grads[k]);
                }
                else
                {
                    live.FreeIfUnused(grads[k]);
                }
            }

            foreach (var g in inGrads)
            {
                if (g is not null)
                {
                    live.FreeIfUnused(g);
                }
            }
        }
    }

    /// <summary>Adds <paramref name="g"/> into the leaf's gradient buffer (allocated once, never scope-owned).</summary>
    private static void AccumulateLeaf(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null)
        {
            var n = g.Count;
            if (g.DType == DType.Float64)
            {
                var buffer64 = GC.AllocateUninitializedArray<double>(n);
                g.ReadSpan<double>().CopyTo(buffer64);
                leaf.Grad = new Tensor(TensorStorage.Unscoped(buffer64), (int[])g.ShapeArray.Clone());
                return;
            }

            var buffer = GC.AllocateUninitializedArray<float>(n);
            g.ReadSpan().CopyTo(buffer);
            leaf.Grad = new Tensor(TensorStorage.Unscoped(buffer), (int[])g.ShapeArray.Clone());
        }
        else
        {
            leaf.Grad.AddInPlace(g);
        }
    }

    private static List<Node> TopologicalOrder(Node root)
    {
        var order = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Node Node, int Next)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Length)
            {
                stack.Push((node, next + 1));
                var child = node.Inputs[next].GradFn;
                if (child is not null && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>
    /// Reference counts of gradient storages created during this sweep and owned by the active scope: a storage goes back
    /// to the pool when no pending slot holds it any more.
    /// </summary>
    private sealed class GradRefs(TensorScope? scope, long startSerial)
    {
        private readonly Dictionary<TensorStorage, int> _refs = new(ReferenceEqualityComparer.Instance);

        public void Hold(Tensor t)
        {
            if (IsCandidate(t.Store))
            {
                _refs[t.Store] = _refs.GetValueOrDefault(t.Store) + 1;
            }
        }

        public void Drop(Tensor t)
        {
            var s = t.Store;
            if (!IsCandidate(s) || !_refs.TryGetValue(s, out var n))
            {
                return;
            }

            if (n > 1)
            {
                _refs[s] = n - 1;
                return;
            }

            _refs.Remove(s);
            s.Release("backward consumed this gradient");
        }

        public void FreeIfUnused(Tensor t)
        {
            var s = t.Store;
            if (IsCandidate(s) && !_refs.ContainsKey(s))
            {
                s.Release("backward consumed this gradient");
            }
        }

        private bool IsCandidate(TensorStorage s) => scope is not null && s.Owner == scope && s.Serial > startSerial && !s.IsPinned;
    }
}
