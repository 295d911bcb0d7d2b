using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Nn;

/// <summary>
/// 2-D convolution layer over NCHW input (PyTorch <c>nn.Conv2d</c>): weight [out, in/groups, k, k], bias [out];
/// default init as PyTorch (kaiming uniform a = sqrt 5, bias U(±1/sqrt fan_in)). Forward is <see cref="ConvOps.Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>.
/// </summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"in_channels {inChannels} and out_channels {outChannels} must be divisible by groups {groups}", nameof(groups));
        }

        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels / groups, kernelSize, kernelSize));
        Init.KaimingUniform(Weight, generator, MathF.Sqrt(5f));
        if (bias)
        {
            var bound = 1f / MathF.Sqrt(Init.Fans(Weight).FanIn);
            Bias = RegisterParameter("bias", Tensor.Uniform(generator, [outChannels], -bound, bound));
        }
    }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Kernel dilation.</summary>
    public int Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>Weight [out, in/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>x [N, in, H, W] → [N, out, OH, OW].</summary>
    public override Tensor Forward(Tensor input) => ConvOps.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
