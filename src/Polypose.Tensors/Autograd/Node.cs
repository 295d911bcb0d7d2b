namespace Polypose.Tensors.Autograd;

/// <summary>A recorded op in the autograd graph: its inputs and how to map output gradients to input gradients.</summary>
internal abstract class Node
{
    protected Node(string name, Tensor[] inputs, int outputCount)
    {
        Name = name;
        Inputs = inputs;
        OutputCount = outputCount;
    }

    public string Name { get; }

    public Tensor[] Inputs { get; }

    public int OutputCount { get; }

    /// <summary>Shapes of the outputs, used to materialise zero gradients for unused outputs.</summary>
    public int[][]? OutputShapes { get; set; }

    /// <summary>Returns one gradient per input (null where not needed); called with grad recording off.</summary>
    public abstract Tensor?[] Backward(Tensor[] gradOutputs);
}
