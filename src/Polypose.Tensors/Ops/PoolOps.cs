using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>Differentiable 2-D pooling over NCHW tensors (PyTorch <c>max_pool2d</c> / <c>avg_pool2d</c>, floor mode).</summary>
public static class PoolOps
{
    /// <summary>
    /// Max pooling, https://pytorch.org/docs/stable/generated/torch.nn.functional.max_pool2d.html:
    /// [N, C, H, W] → [N, C, OH, OW]; stride defaults to the kernel size; padding counts as −∞.
    /// The gradient flows only to the (first) maximum of each window.
    /// </summary>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1)
    {
        ConvData.RequireRank(input, 4, nameof(MaxPool2d), nameof(input));
        var s = input.ShapeArray;
        var st = stride ?? kernelSize;
        var g = new Pool2dGeometry(s[0], s[1], s[2], s[3], kernelSize, kernelSize, st, st, padding, padding, dilation, dilation);
        return new MaxPool2dFunction(g).Apply(input);
    }

    /// <summary>
    /// Average pooling, https://pytorch.org/docs/stable/generated/torch.nn.functional.avg_pool2d.html:
    /// [N, C, H, W] → [N, C, OH, OW]; stride defaults to the kernel size; padding counts as zeros and, when
    /// <paramref name="countIncludePad"/> (PyTorch default), in the divisor.
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool countIncludePad = true)
    {
        ConvData.RequireRank(input, 4, nameof(AvgPool2d), nameof(input));
        var s = input.ShapeArray;
        var st = stride ?? kernelSize;
        var g = new Pool2dGeometry(s[0], s[1], s[2], s[3], kernelSize, kernelSize, st, st, padding, padding);
        return new AvgPool2dFunction(g, countIncludePad).Apply(input);
    }

    /// <summary>Autograd node for <see cref="PoolOps.MaxPool2d"/>: keeps the argmax indices for backward.</summary>
    private sealed class MaxPool2dFunction : Function
    {
        private readonly Pool2dGeometry geometry;
        private int[] indices = [];

        public MaxPool2dFunction(Pool2dGeometry geometry) => this.geometry = geometry;

        public override string Name => "MaxPool2d";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var g = geometry;
            var y = ConvData.New([g.Batch, g.Channels, g.OutHeight, g.OutWidth], out var data);
            indices = new int[g.OutputSize];
            Pool2dKernel.MaxForward(g, ConvData.Dense(inputs[0]), data, indices);
            return [y];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var g = geometry;
            var dx = ConvData.New([g.Batch, g.Channels, g.Height, g.Width], out var data);
            Pool2dKernel.MaxBackward(g, ConvData.Dense(gradOutputs[0]), indices, data);
            return [dx];
        }
    }

    /// <summary>Autograd node for <see cref="PoolOps.AvgPool2d"/>.</summary>
    private sealed class AvgPool2dFunction : Function
    {
        private readonly Pool2dGeometry geometry;
        private readonly bool countIncludePad;

        public AvgPool2dFunction(Pool2dGeometry geometry, bool countIncludePad)
        {
            this.geometry = geometry;
            this.countIncludePad = countIncludePad;
        }

        public override string Name => "AvgPool2d";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var g = geometry;
            var y = ConvData.New([g.Batch, g.Channels, g.OutHeight, g.OutWidth], out var data);
            Pool2dKernel.AvgForward(g, ConvData.Dense(inputs[0]), data, countIncludePad);
            return [y];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var g = geometry;
            var dx = ConvData.New([g.Batch, g.Channels, g.Height, g.Width], out var data);
            Pool2dKernel.AvgBackward(g, ConvData.Dense(gradOutputs[0]), data, countIncludePad);
            return [dx];
        }
    }
}
