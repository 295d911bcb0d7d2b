using Polypose.Tensors.Internal;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>Differentiable convolutions over NCHW tensors (PyTorch <c>torch.nn.functional.conv2d</c> / <c>conv_transpose2d</c>).</summary>
public static class ConvOps
{
    /// <summary>
    /// 2-D convolution, https://pytorch.org/docs/stable/generated/torch.nn.functional.conv2d.html:
    /// input [N, C, H, W], weight [K, C/groups, KH, KW], bias [K] or null → [N, K, OH, OW].
    /// </summary>
    /// <exception cref="ArgumentException">Ranks or channel counts do not match.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
        => Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>2-D convolution with separate (rows, columns) stride, padding and dilation; see the other overload.</summary>
    /// <exception cref="ArgumentException">Ranks or channel counts do not match.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups = 1)
    {
        ConvData.RequireRank(input, 4, nameof(Conv2d), nameof(input));
        ConvData.RequireRank(weight, 4, nameof(Conv2d), nameof(weight));
        int[] x = input.ShapeArray, w = weight.ShapeArray;
        if (groups < 1 || w[1] * groups != x[1])
        {
            throw new ArgumentException($"Conv2d: weight {Shapes.Format(w)} with groups {groups} expects {w[1] * groups} input channels, got input {Shapes.Format(x)}", nameof(weight));
        }

        CheckBias(bias, w[0], nameof(Conv2d));
        var g = new Conv2dGeometry(x[0], x[1], x[2], x[3], w[0], w[2], w[3], stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W, groups);
        return new ConvFunction(g, transposed: false).Apply(bias is null ? [input, weight] : [input, weight, bias]);
    }

    /// <summary>
    /// Transposed 2-D convolution, https://pytorch.org/docs/stable/generated/torch.nn.functional.conv_transpose2d.html:
    /// input [N, Cin, H, W], weight [Cin, Cout/groups, KH, KW], bias [Cout] or null → [N, Cout, OH, OW] with
    /// OH = (H − 1)·stride − 2·padding + dilation·(KH − 1) + outputPadding + 1.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks or channel counts do not match.</exception>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0, int groups = 1, int dilation = 1)
    {
        ConvData.RequireRank(input, 4, nameof(ConvTranspose2d), nameof(input));
        ConvData.RequireRank(weight, 4, nameof(ConvTranspose2d), nameof(weight));
        int[] x = input.ShapeArray, w = weight.ShapeArray;
        if (groups < 1 || w[0] != x[1] || x[1] % groups != 0)
        {
            throw new ArgumentException($"ConvTranspose2d: weight {Shapes.Format(w)} expects {w[0]} input channels (divisible by groups {groups}), got input {Shapes.Format(x)}", nameof(weight));
        }

        var cout = w[1] * groups;
        CheckBias(bias, cout, nameof(ConvTranspose2d));
        var g = ConvTranspose2dKernel.Geometry(x[0], x[1], x[2], x[3], cout, w[2], w[3], stride, stride, padding, padding, outputPadding, outputPadding, dilation, dilation, groups);
        return new ConvFunction(g, transposed: true).Apply(bias is null ? [input, weight] : [input, weight, bias]);
    }

    private static void CheckBias(Tensor? bias, int channels, string op)
    {
        if (bias is not null && (bias.NDim != 1 || bias.ShapeArray[0] != channels))
        {
            throw new ArgumentException($"{op}: bias must have shape [{channels}], got {Shapes.Format(bias.ShapeArray)}", nameof(bias));
        }
    }
}
