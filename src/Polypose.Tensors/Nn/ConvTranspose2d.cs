using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Nn;

/// <summary>
/// Transposed 2-D convolution layer over NCHW input (PyTorch <c>nn.ConvTranspose2d</c>): weight [in, out/groups, k, k],
/// bias [out]; default init as PyTorch (see <see cref="ConvolutionLayer"/>). Forward is <see cref="ConvOps.ConvTranspose2d"/>.
/// </summary>
public sealed class ConvTranspose2d : ConvolutionLayer
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0, int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1)
        : base(inChannels, outChannels, transposed: true, kernelSize, generator, stride, padding, dilation, groups, bias)
    {
        OutputPadding = outputPadding;
    }

    /// <summary>Gets the extra size added to one side of the output.</summary>
    public int OutputPadding { get; }

    /// <summary>x [N, in, H, W] → [N, out, OH, OW].</summary>
    public override Tensor Forward(Tensor input) => ConvOps.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
