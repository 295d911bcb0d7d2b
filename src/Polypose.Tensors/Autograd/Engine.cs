using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Autograd;

/// <summary>Reverse-mode sweep over the recorded graph (PyTorch <c>torch.autograd.backward</c>).</summary>
internal static class Engine
{
    public static void Backward(Tensor root, Tensor gradient)
    {
        if (!Shapes.Equal(root.ShapeArray, gradient.ShapeArray))
        {
            throw new ArgumentException($"gradient shape {Shapes.Format(gradient.ShapeArray)} does not match tensor shape {Shapes.Format(root.ShapeArray)}", nameof(gradient));
        }

        using var scope = new GradModeScope(false);
        if (root.GradFn is null)
        {
            AccumulateLeaf(root, gradient);
            return;
        }

        var order = TopologicalOrder(root.GradFn);
        var pending = new Dictionary<Node, Tensor?[]>(ReferenceEqualityComparer.Instance);
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
                grads[k] = outGrads[k] ?? Tensor.Zeros(node.OutputShapes![k]);
            }

            var inGrads = node.Backward(grads);
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
                slot[k2] = slot[k2] is null ? g : slot[k2]! + g;
            }
        }
    }

    private static void AccumulateLeaf(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null)
        {
            leaf.Grad = g.Clone();
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
}
