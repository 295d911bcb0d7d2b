using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>Autograd node for <see cref="ConvOps.Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>: inputs (x, w[, b]).</summary>
internal sealed class Conv2dFunction : Function
{
    private readonly Conv2dGeometry geometry;

    public Conv2dFunction(Conv2dGeometry geometry) => this.geometry = geometry;

    public override string Name => "Conv2d";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        var g = geometry;
        var y = ConvData.New([g.Batch, g.OutChannels, g.OutHeight, g.OutWidth], out var data);
        Conv2dKernel.Forward(g, ConvData.Dense(inputs[0]), ConvData.Dense(inputs[1]), inputs.Length > 2 ? ConvData.Dense(inputs[2]) : default, data);
        SaveForBackward(inputs);
        return [y];
    }

    protected override Tensor?[] Backward(Tensor[] gradOutputs)
    {
        var g = geometry;
        var dy = ConvData.Dense(gradOutputs[0]);
        var grads = new Tensor?[SavedTensors.Count];
        if (NeedsInputGrad(0))
        {
            grads[0] = ConvData.New(SavedTensors[0].Shape, out var dx);
            Conv2dKernel.BackwardInput(g, dy, ConvData.Dense(SavedTensors[1]), dx);
        }

        if (NeedsInputGrad(1))
        {
            grads[1] = ConvData.New(SavedTensors[1].Shape, out var dw);
            Conv2dKernel.BackwardWeight(g, ConvData.Dense(SavedTensors[0]), dy, dw);
        }

        if (grads.Length > 2 && NeedsInputGrad(2))
        {
            grads[2] = ConvData.New([g.OutChannels], out var db);
            Conv2dKernel.BackwardBias(g.Batch, g.OutChannels, g.OutHeight * g.OutWidth, dy, db);
        }

        return grads;
    }
}
