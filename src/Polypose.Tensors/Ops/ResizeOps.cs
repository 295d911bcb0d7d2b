using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>Differentiable resizing (PyTorch <c>torch.nn.functional.interpolate</c>, mode "bilinear").</summary>
public static class ResizeOps
{
    /// <summary>
    /// Bilinear resize to [outHeight, outWidth], https://pytorch.org/docs/stable/generated/torch.nn.functional.interpolate.html:
    /// [N, C, H, W] → [N, C, OH, OW]; source coordinates follow <see cref="ResizeBilinearKernel"/>.
    /// </summary>
    public static Tensor Interpolate(Tensor input, int outHeight, int outWidth, bool alignCorners = false)
    {
        ConvData.RequireRank(input, 4, nameof(Interpolate), nameof(input));
        ArgumentOutOfRangeException.ThrowIfLessThan(outHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outWidth, 1);
        return new InterpolateFunction(outHeight, outWidth, alignCorners).Apply(input);
    }

    private sealed class InterpolateFunction(int outH, int outW, bool alignCorners) : Function
    {
        private int[] inShape = [];

        public override string Name => "Interpolate";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var s = inShape = inputs[0].Shape;
            var y = ConvData.New([s[0], s[1], outH, outW], out var data);
            ResizeBilinearKernel.Forward(s[0] * s[1], s[2], s[3], outH, outW, ConvData.Dense(inputs[0]), data, alignCorners);
            return [y];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var s = inShape;
            var dx = ConvData.New(s, out var data);
            ResizeBilinearKernel.Backward(s[0] * s[1], s[2], s[3], outH, outW, ConvData.Dense(gradOutputs[0]), data, alignCorners);
            return [dx];
        }
    }
}
