using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Autograd;

/// <summary>A recorded op in the autograd graph: its inputs and how to map output gradients to input gradients.</summary>
internal abstract class Node
{
    private TensorStorage?[]? _outputStores;
    private List<TensorStorage>? _pins;

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

    /// <summary>Dtypes of the outputs (with <see cref="OutputShapes"/>); null means all float32.</summary>
    public DType[]? OutputDTypes { get; set; }

    /// <summary>Returns one gradient per input (null where not needed); called with grad recording off.</summary>
    public abstract Tensor?[] Backward(Tensor[] gradOutputs);

    /// <summary>Tensors the backward keeps besides inputs and outputs (<c>SaveForBackward</c>).</summary>
    protected virtual IReadOnlyList<Tensor> Saved => [];

    /// <summary>Remembers output <paramref name="index"/>'s storage (kept alive with the graph).</summary>
    internal void SetOutputStorage(int index, TensorStorage storage)
    {
        _outputStores ??= new TensorStorage?[OutputCount];
        _outputStores[index] = storage;
    }

    /// <summary>Pins the storages this node needs for backward that <paramref name="scope"/> owns (scope end with a kept graph).</summary>
    internal void PinOwnedBy(TensorScope scope)
    {
        foreach (var t in Inputs)
        {
            Pin(t.Store, scope);
        }

        foreach (var t in Saved)
        {
            Pin(t.Store, scope);
        }

        if (_outputStores is not null)
        {
            foreach (var s in _outputStores)
            {
                if (s is not null)
                {
                    Pin(s, scope);
                }
            }
        }
    }

    /// <summary>Called by the engine once this node's backward ran: releases the storages pinned for it.</summary>
    internal void FreeGraphPins()
    {
        var pins = Interlocked.Exchange(ref _pins, null);
        if (pins is null)
        {
            return;
        }

        foreach (var s in pins)
        {
            s.Unpin($"backward through {Name} freed the graph");
        }
    }

    private void Pin(TensorStorage s, TensorScope scope)
    {
        if (s.Owner == scope)
        {
            s.Pin();
            (_pins ??= []).Add(s);
        }
    }
}
