using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>Differentiable bilinear sampling (PyTorch <c>torch.nn.functional.grid_sample</c>, mode "bilinear").</summary>
public static class GridSampleOps
{
    /// <summary>
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.grid_sample.html: input [N, C, H, W],
    /// grid [N, HO, WO, 2] of (x, y) in [−1, 1] → [N, C, HO, WO]; differentiable wrt input and grid.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    public static Tensor GridSample(Tensor input, Tensor grid, GridSamplePadding paddingMode = GridSamplePadding.Zeros, bool alignCorners = false)
    {
        ConvData.RequireRank(input, 4, nameof(GridSample), nameof(input));
        ConvData.RequireRank(grid, 4, nameof(GridSample), nameof(grid));
        if (grid.ShapeArray[0] != input.ShapeArray[0] || grid.ShapeArray[3] != 2)
        {
            throw new ArgumentException($"GridSample: grid must be [{input.ShapeArray[0]}, HO, WO, 2], got {Shapes.Format(grid.ShapeArray)}", nameof(grid));
        }

        return new GridSampleFunction(paddingMode, alignCorners).Apply(input, grid);
    }

    private sealed class GridSampleFunction(GridSamplePadding padding, bool alignCorners) : Function
    {
        public override string Name => "GridSample";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            int[] x = inputs[0].ShapeArray, g = inputs[1].ShapeArray;
            var y = ConvData.New([x[0], x[1], g[1], g[2]], out var data);
            GridSampleKernel.Forward(x[0], x[1], x[2], x[3], g[1], g[2], ConvData.Dense(inputs[0]), ConvData.Dense(inputs[1]), data, padding, alignCorners);
            SaveForBackward(inputs);
            return [y];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            Tensor input = SavedTensors[0], grid = SavedTensors[1];
            int[] x = input.ShapeArray, g = grid.ShapeArray;
            Span<float> dx = default, dg = default;
            var gx = NeedsInputGrad(0) ? ConvData.New(input.Shape, out dx) : null;
            var gg = NeedsInputGrad(1) ? ConvData.New(grid.Shape, out dg) : null;
            GridSampleKernel.Backward(x[0], x[1], x[2], x[3], g[1], g[2], ConvData.Dense(input), ConvData.Dense(grid), ConvData.Dense(gradOutputs[0]), dx, dg, padding, alignCorners);
            return [gx, gg];
        }
    }
}
