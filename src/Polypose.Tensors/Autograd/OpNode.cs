namespace Polypose.Tensors.Autograd;

/// <summary>A single-output built-in op whose backward is a closure written next to its forward.</summary>
internal sealed class OpNode : Node
{
    private readonly Func<Tensor, Tensor?[]> _backward;

    public OpNode(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
        : base(name, inputs, 1)
    {
        _backward = backward;
    }

    public override Tensor?[] Backward(Tensor[] gradOutputs) => _backward(gradOutputs[0]);

    /// <summary>Attaches a new node to <paramref name="result"/> when any input requires grad and recording is on.</summary>
    public static Tensor Record(Tensor result, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (GradMode.ShouldRecord(inputs))
        {
            result.SetGradFn(new OpNode(name, inputs, backward), 0);
        }

        return result;
    }

    public static Tensor Record(Tensor result, string name, Tensor input, Func<Tensor, Tensor?> backward)
    {
        if (GradMode.ShouldRecord(input))
        {
            result.SetGradFn(new OpNode(name, [input], g => [backward(g)]), 0);
        }

        return result;
    }
}
