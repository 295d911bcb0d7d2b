using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Tests.Kernels;

/// <summary>With one thread, kernels allocate nothing after warm-up (pools and stack only).</summary>
[Trait("Stage", "Tensors")]
[Collection(TensorThreadsGroup.Name)]
public sealed class KernelAllocationTests
{
    public static TheoryData<string> Kernels() => new(
        "gemm", "gemm-managed", "conv", "conv-pointwise", "depthwise-3x3", "depthwise-general", "transpose",
        "pool", "grid-sample", "resize", "layout", "eigen", "epilogue");

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_SingleThreadAfterWarmUp_AllocatesNothing(string kernel)
    {
        // Arrange
        var old = TensorThreads.Count;
        TensorThreads.Count = 1;
        try
        {
            var run = Workload(kernel);
            run();

            // Act
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Assert
            Assert.Equal(0, allocated);
        }
        finally
        {
            TensorThreads.Count = old;
        }
    }

    private static Action Workload(string kernel)
    {
        var a = KernelAssert.Random(64 * 64 * 4, 1);
        var b = KernelAssert.Random(64 * 64 * 4, 2);
        var c = new float[64 * 64 * 4];
        var ints = new int[64 * 64 * 4];
        switch (kernel)
        {
            case "gemm":
                return () => Gemm.Sgemm(false, true, 33, 47, 29, 1f, a, 29, b, 29, 0f, c, 47);
            case "gemm-managed":
                return () => Gemm.SgemmManaged(true, false, 33, 47, 29, 1f, a, 33, b, 47, 0.5f, c, 47);
            case "conv":
                {
                    var g = new Conv2dGeometry(1, 4, 9, 9, 6, 3, 3, 2, 2, 1, 1, 1, 1, 2);
                    return () =>
                    {
                        Conv2dKernel.Forward(g, a, b, [], c);
                        Conv2dKernel.BackwardInput(g, b, a, c);
                        Conv2dKernel.BackwardWeight(g, a, b, c);
                    };
                }

            case "conv-pointwise":
                {
                    var g = new Conv2dGeometry(2, 4, 5, 5, 3, 1, 1);
                    return () =>
                    {
                        Conv2dKernel.Forward(g, a, b, b.AsSpan(0, 3), c);
                        Conv2dKernel.BackwardInput(g, b, a, c);
                        Conv2dKernel.BackwardWeight(g, a, b, c);
                    };
                }

            case "depthwise-3x3":
            case "depthwise-general":
                {
                    var g = kernel == "depthwise-3x3"
                        ? new Conv2dGeometry(1, 4, 12, 20, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4)
                        : new Conv2dGeometry(1, 4, 12, 20, 4, 5, 3, 2, 1, 2, 1, 1, 2, 4);
                    return () =>
                    {
                        DepthwiseConv2dKernel.Forward(g, a, b, b.AsSpan(0, 4), c);
                        DepthwiseConv2dKernel.BackwardInput(g, b, a, c);
                        DepthwiseConv2dKernel.BackwardWeight(g, a, b, c);
                    };
                }

            case "transpose":
                {
                    var g = ConvTranspose2dKernel.Geometry(1, 4, 5, 5, 2, 3, 3, 2, 2, 1, 1, 1, 1);
                    return () =>
                    {
                        ConvTranspose2dKernel.Forward(g, a, b, [], c);
                        ConvTranspose2dKernel.BackwardInput(g, b, a, c);
                        ConvTranspose2dKernel.BackwardWeight(g, a, b, c);
                    };
                }

            case "pool":
                {
                    var g = new Pool2dGeometry(1, 3, 9, 8, 3, 3, 2, 2, 1, 1);
                    return () =>
                    {
                        Pool2dKernel.MaxForward(g, a, c, ints);
                        Pool2dKernel.MaxBackward(g, b, ints, c);
                        Pool2dKernel.AvgForward(g, a, c);
                        Pool2dKernel.AvgBackward(g, b, c, false);
                    };
                }

            case "grid-sample":
                return () =>
                {
                    GridSampleKernel.Forward(1, 2, 6, 7, 3, 4, a, b, c, GridSamplePadding.Border, false);
                    GridSampleKernel.Backward(1, 2, 6, 7, 3, 4, a, b, b, c.AsSpan(0, 84), c.AsSpan(100, 24), GridSamplePadding.Zeros, true);
                };
            case "resize":
                return () =>
                {
                    ResizeBilinearKernel.Forward(2, 5, 6, 9, 4, a, c, true);
                    ResizeBilinearKernel.Backward(2, 5, 6, 9, 4, b, c, false);
                };
            case "layout":
                return () => LayoutKernel.NchwToNhwc(2, 5, 33, a, c);
            case "eigen":
                return () =>
                {
                    SymEigKernel.Decompose(3, 4, a, c, c.AsSpan(100));
                    SymEigKernel.SmallestSingularVectorBackward(2, 6, 4, a, b, c);
                    SymEigKernel.SmallestEigenvectorBackward(2, 3, a, b, c);
                };
            default:
                return () => Epilogue.BiasActivation(c, b.AsSpan(0, 4), 2, 4, 100, FusedActivation.Silu);
        }
    }
}
