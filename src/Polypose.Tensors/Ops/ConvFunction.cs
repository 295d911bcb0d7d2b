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
        int[] shape = transposed ? [g.Batch, g.InChannels, g.Height, g.Width] : [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth];
        var y = ConvData.New(shape, out var data);
        Apply(transposed, ConvData.Dense(inputs[0]), ConvData.Dense(inputs[1]), inputs.Length > 2 ? ConvData.Dense(inputs[2]) : default, data);
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
            // The input gradient of a convolution is its adjoint applied to dy, and vice versa.
            grads[0] = ConvData.New(SavedTensors[0].Shape, out var dx);
            Apply(!transposed, dy, ConvData.Dense(SavedTensors[1]), default, dx);
        }

        if (NeedsInputGrad(1))
        {
            // Both weight gradients correlate the convolution's input side with its output side.
            grads[1] = ConvData.New(SavedTensors[1].Shape, out var dw);
            var x = ConvData.Dense(SavedTensors[0]);
            Conv2dKernel.BackwardWeight(g, transposed ? dy : x, transposed ? x : dy, dw);
        }

        if (grads.Length > 2 && NeedsInputGrad(2))
        {
            var (channels, spatial) = transposed ? (g.InChannels, g.Height * g.Width) : (g.OutChannels, g.OutHeight * g.OutWidth);
            grads[2] = ConvData.New([channels], out var db);
            Conv2dKernel.BackwardBias(g.Batch, channels, spatial, dy, db);
        }

        return grads;
    }

    /// <summary>y = conv(x, w) + b, or with <paramref name="adjoint"/> its transpose (output side to input side) + b.</summary>
    private void Apply(bool adjoint, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (adjoint)
        {
            ConvTranspose2dKernel.Forward(geometry, x, w, bias, y);
        }
        else
        {
            Conv2dKernel.Forward(geometry, x, w, bias, y);
        }
    }
}
