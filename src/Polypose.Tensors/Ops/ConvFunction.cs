using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Autograd node for <see cref="ConvOps.Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/> and
/// <see cref="ConvOps.ConvTranspose2d"/>: inputs (x, w[, b]). <paramref name="geometry"/> is always the convolution's;
/// a transposed convolution is its adjoint, so it maps the geometry's output side [N, out, OH, OW] to its input side
/// [N, in, H, W] and swaps the forward and input-gradient kernels.
/// </summary>
internal sealed class ConvFunction(Conv2dGeometry geometry, bool transposed) : Function
{
    public override string Name => transposed ? "ConvTranspose2d" : "Conv2d";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        var g = geometry;
        var bias = inputs.Length > 2 ? ConvData.Dense(inputs[2]) : default;
        Tensor y;
        if (transposed)
        {
            y = ConvData.New([g.Batch, g.InChannels, g.Height, g.Width], out var data);
            ConvTranspose2dKernel.Forward(g, ConvData.Dense(inputs[0]), ConvData.Dense(inputs[1]), bias, data);
        }
        else
        {
            y = ConvData.New([g.Batch, g.OutChannels, g.OutHeight, g.OutWidth], out var data);
            Conv2dKernel.Forward(g, ConvData.Dense(inputs[0]), ConvData.Dense(inputs[1]), bias, data);
        }

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
            var w = ConvData.Dense(SavedTensors[1]);
            if (transposed)
            {
                ConvTranspose2dKernel.BackwardInput(g, dy, w, dx);
            }
            else
            {
                Conv2dKernel.BackwardInput(g, dy, w, dx);
            }
        }

        if (NeedsInputGrad(1))
        {
            grads[1] = ConvData.New(SavedTensors[1].Shape, out var dw);
            var x = ConvData.Dense(SavedTensors[0]);
            if (transposed)
            {
                ConvTranspose2dKernel.BackwardWeight(g, x, dy, dw);
            }
            else
            {
                Conv2dKernel.BackwardWeight(g, x, dy, dw);
            }
        }

        if (grads.Length > 2 && NeedsInputGrad(2))
        {
            var (channels, spatial) = transposed ? (g.InChannels, g.Height * g.Width) : (g.OutChannels, g.OutHeight * g.OutWidth);
            grads[2] = ConvData.New([channels], out var db);
            Conv2dKernel.BackwardBias(g.Batch, channels, spatial, dy, db);
        }

        return grads;
    }
}
