using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

[Trait("Stage", "Tensors")]
public sealed class Conv2dKernelTests
{
    // batch, C, H, W, K, KH, KW, stride, pad, dilation, groups
    public static TheoryData<int[]> Geometries() => new()
    {
        new[] { 1, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1 },
        new[] { 2, 4, 8, 6, 6, 3, 2, 2, 1, 1, 2 },
        new[] { 1, 2, 9, 9, 3, 3, 3, 1, 2, 2, 1 },
        new[] { 2, 5, 5, 7, 3, 1, 1, 1, 0, 1, 1 },
        new[] { 1, 4, 11, 13, 8, 5, 3, 3, 2, 1, 1 },
        new[] { 2, 6, 10, 21, 6, 3, 3, 1, 1, 1, 6 },
        new[] { 1, 3, 9, 8, 3, 3, 3, 2, 1, 1, 3 },
        new[] { 1, 4, 12, 12, 4, 5, 5, 1, 2, 2, 4 },
        new[] { 1, 2, 6, 6, 4, 2, 2, 2, 0, 1, 1 },
        new[] { 2, 3, 7, 37, 3, 3, 3, 1, 1, 1, 3 },
        new[] { 1, 2, 5, 1, 2, 3, 3, 1, 1, 1, 2 },
    };

    private static Conv2dGeometry Make(int[] p) => new(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[7], p[8], p[8], p[9], p[9], p[10]);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Forward_Geometry_MatchesDirectDefinition(int[] p)
    {
        // Arrange
        var g = Make(p);
        var x = KernelAssert.Random(g.InputSize, 11);
        var w = KernelAssert.Random(g.WeightSize, 12);
        var b = KernelAssert.Random(g.OutChannels, 13);
        var y = new float[g.OutputSize];

        // Act
        Conv2dKernel.Forward(g, x, w, b, y);

        // Assert
        KernelAssert.Close(NaiveConv.Forward(g, x, w, b), y);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Backward_Geometry_MatchesDirectDefinition(int[] p)
    {
        // Arrange
        var g = Make(p);
        var x = KernelAssert.Random(g.InputSize, 21);
        var w = KernelAssert.Random(g.WeightSize, 22);
        var dy = KernelAssert.Random(g.OutputSize, 23);
        var dx = Enumerable.Repeat(float.NaN, g.InputSize).ToArray();
        var dw = Enumerable.Repeat(float.NaN, g.WeightSize).ToArray();
        var db = new float[g.OutChannels];

        // Act
        Conv2dKernel.BackwardInput(g, dy, w, dx);
        Conv2dKernel.BackwardWeight(g, x, dy, dw);
        Conv2dKernel.BackwardBias(g.Batch, g.OutChannels, g.OutHeight * g.OutWidth, dy, db);

        // Assert
        KernelAssert.Close(NaiveConv.GradInput(g, dy, w), dx);
        KernelAssert.Close(NaiveConv.GradWeight(g, x, dy), dw, atol: 1e-3);
        var ohw = g.OutHeight * g.OutWidth;
        for (var k = 0; k < g.OutChannels; k++)
        {
            var s = 0.0;
            for (var n = 0; n < g.Batch; n++)
            {
                for (var i = 0; i < ohw; i++)
                {
                    s += dy[(((n * g.OutChannels) + k) * ohw) + i];
                }
            }

            Assert.Equal(s, db[k], 3);
        }
    }

    [Fact]
    public void Forward_HandComputed3x3_GivesKnownValues()
    {
        // Arrange: 3x3 image 1..9, all-ones 3x3 kernel, padding 1: each output is the sum of its 3x3 neighbourhood.
        var g = new Conv2dGeometry(1, 1, 3, 3, 1, 3, 3, padH: 1, padW: 1);
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var w = Enumerable.Repeat(1f, 9).ToArray();
        var y = new float[9];

        // Act (this 1-channel geometry is depthwise, so it runs the direct 3x3 kernel).
        Conv2dKernel.Forward(g, x, w, [], y);

        // Assert
        Assert.Equal([12f, 21f, 16f, 27f, 45f, 33f, 24f, 39f, 28f], y);
    }

    [Fact]
    public void Geometry_KernelLargerThanPaddedInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dGeometry(1, 1, 2, 2, 1, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dGeometry(1, 3, 4, 4, 4, 3, 3, groups: 2));
    }

    [Fact]
    public void Forward_OutputTooShort_ThrowsNamingOutput()
    {
        var g = new Conv2dGeometry(1, 2, 4, 4, 2, 3, 3);
        var ex = Assert.Throws<ArgumentException>(() => Conv2dKernel.Forward(g, new float[32], new float[36], [], new float[7]));
        Assert.Equal("output", ex.ParamName);
    }

    [Theory]
    [InlineData(nameof(FusedActivation.None), new[] { -1.5f, 0.5f, 7f })]
    [InlineData(nameof(FusedActivation.Relu), new[] { 0f, 0.5f, 7f })]
    [InlineData(nameof(FusedActivation.Relu6), new[] { 0f, 0.5f, 6f })]
    public void BiasActivation_Activation_AppliesBiasThenActivation(string activation, float[] expected)
    {
        var act = Enum.Parse<FusedActivation>(activation);

        // Arrange: one channel, bias 0.5.
        float[] data = [-2f, 0f, 6.5f];

        // Act
        Epilogue.BiasActivation(data, [0.5f], 1, 1, 3, act);

        // Assert
        Assert.Equal(expected, data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Forward_FusedRelu6_EqualsConvolutionThenClamp(int groups)
    {
        // Arrange: groups 3 on 3 channels is the depthwise path, groups 1 the im2col + GEMM path.
        var g = new Conv2dGeometry(2, 3, 6, 7, 3, 3, 3, padH: 1, padW: 1, groups: groups);
        var x = KernelAssert.Random(g.InputSize, 171, 4f);
        var w = KernelAssert.Random(g.WeightSize, 172, 2f);
        var b = KernelAssert.Random(g.OutChannels, 173);
        var fused = new float[g.OutputSize];
        var plain = new float[g.OutputSize];

        // Act
        Conv2dKernel.Forward(g, x, w, b, fused, FusedActivation.Relu6);
        Conv2dKernel.Forward(g, x, w, b, plain);

        // Assert
        Assert.Contains(plain, v => v > 6f);
        Assert.Contains(plain, v => v < 0f);
        KernelAssert.Close(plain.Select(v => Math.Clamp(v, 0f, 6f)).ToArray(), fused, 1e-6, 1e-6);
    }

    [Fact]
    public void BiasActivation_Silu_MatchesDefinition()
    {
        float[] data = [-3f, 0f, 1f, 20f];
        Epilogue.BiasActivation(data, [], 1, 1, 4, FusedActivation.Silu);
        KernelAssert.Close(new double[] { -3 / (1 + Math.Exp(3)), 0, 1 / (1 + Math.Exp(-1)), 20 }, data, 1e-6, 1e-5);
    }
}
