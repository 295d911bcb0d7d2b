using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Nn;

/// <summary>
/// Transposed 2-D convolution layer over NCHW input (PyTorch <c>nn.ConvTranspose2d</c>): weight [in, out/groups, k, k],
/// bias [out]; default init as PyTorch. Forward is <see cref="ConvOps.ConvTranspose2d"/>.
/// </summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0, int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"in_channels {inChannels} and out_channels {outChannels} must be divisible by groups {groups}", nameof(groups));
        }

        Stride = stride;
        Padding = padding;
        OutputPadding = outputPadding;
        Groups = groups;
        Dilation = dilation;
        Weight = RegisterParameter("weight", Tensor.Zeros(inChannels, outChannels / groups, kernelSize, kernelSize));
        Init.KaimingUniform(Weight, generator, MathF.Sqrt(5f));
        if (bias)
        {
            var bound = 1f / MathF.Sqrt(Init.Fans(Weight).FanIn);
            Bias = RegisterParameter("bias", Tensor.Uniform(generator, [outChannels], -bound, bound));
        }
    }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Implicit padding removed from the output.</summary>
    public int Padding { get; }

    /// <summary>Extra size added to one side of the output.</summary>
    public int OutputPadding { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>Kernel dilation.</summary>
    public int Dilation { get; }

    /// <summary>Weight [in, out/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>x [N, in, H, W] → [N, out, OH, OW].</summary>
    public override Tensor Forward(Tensor input) => ConvOps.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
