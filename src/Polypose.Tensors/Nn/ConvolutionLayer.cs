namespace Polypose.Tensors.Nn;

/// <summary>
/// What <see cref="Conv2d"/> and <see cref="ConvTranspose2d"/> share: stride, padding, dilation, groups, the weight
/// [a, b/groups, k, k] (a, b = out, in for a convolution; in, out for a transposed one), the bias [out], and PyTorch's
/// default init (kaiming uniform a = sqrt 5 on the weight, bias U(±1/sqrt fan_in)).
/// </summary>
public abstract class ConvolutionLayer : Module<Tensor, Tensor>
{
    /// <summary>Validates the channel split and registers the initialised parameters.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="transposed">Whether the weight is laid out [in, out/groups, k, k] (transposed) or [out, in/groups, k, k].</param>
    /// <param name="kernelSize">Square kernel size k.</param>
    /// <param name="generator">Source of the initial weights.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on each side (for a transposed layer: removed from the output).</param>
    /// <param name="dilation">Kernel dilation.</param>
    /// <param name="groups">Channel groups; both channel counts must be divisible by it.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    private protected ConvolutionLayer(int inChannels, int outChannels, bool transposed, int kernelSize, Generator generator, int stride, int padding, int dilation, int groups, bool bias)
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
        var weightShape = transposed ? new[] { inChannels, outChannels / groups, kernelSize, kernelSize } : [outChannels, inChannels / groups, kernelSize, kernelSize];
        Weight = RegisterParameter("weight", Tensor.Zeros(weightShape));
        Init.KaimingUniform(Weight, generator, MathF.Sqrt(5f));
        if (bias)
        {
            var bound = 1f / MathF.Sqrt(Init.Fans(Weight).FanIn);
            Bias = RegisterParameter("bias", Tensor.Uniform(generator, [outChannels], -bound, bound));
        }
    }

    /// <summary>Gets the stride.</summary>
    public int Stride { get; }

    /// <summary>Gets the zero padding on each side (for a transposed layer: the implicit padding removed from the output).</summary>
    public int Padding { get; }

    /// <summary>Gets the kernel dilation.</summary>
    public int Dilation { get; }

    /// <summary>Gets the channel groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the weight: [out, in/groups, k, k] for a convolution, [in, out/groups, k, k] for a transposed one.</summary>
    public Tensor Weight { get; }

    /// <summary>Gets the bias [out], or null.</summary>
    public Tensor? Bias { get; }
}
