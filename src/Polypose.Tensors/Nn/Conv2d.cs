using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Nn;

/// <summary>
/// 2-D convolution layer over NCHW input (PyTorch <c>nn.Conv2d</c>): weight [out, in/groups, k, k], bias [out];
/// default init as PyTorch (see <see cref="ConvolutionLayer"/>). Forward is <see cref="ConvOps.Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>.
/// </summary>
public sealed class Conv2d : ConvolutionLayer
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
        : base(inChannels, outChannels, transposed: false, kernelSize, generator, stride, padding, dilation, groups, bias)
    {
    }

    /// <summary>x [N, in, H, W] → [N, out, OH, OW].</summary>
    public override Tensor Forward(Tensor input) => ConvOps.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
