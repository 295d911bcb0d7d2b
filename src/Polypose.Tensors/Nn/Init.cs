namespace Polypose.Tensors.Nn;

/// <summary>
/// Parameter initialisers writing in place, without recording (PyTorch <c>torch.nn.init</c>). Fans follow PyTorch:
/// fan_in = size(1)·receptive field, fan_out = size(0)·receptive field.
/// </summary>
public static class Init
{
    /// <summary>U(-a, a) with a = gain·sqrt(6 / (fan_in + fan_out)) (<c>xavier_uniform_</c>).</summary>
    public static Tensor XavierUniform(Tensor tensor, Generator generator, float gain = 1f)
    {
        var (fanIn, fanOut) = Fans(tensor);
        var a = gain * MathF.Sqrt(6f / (fanIn + fanOut));
        return tensor.UniformInPlace(generator, -a, a);
    }

    /// <summary>N(0, std²) with std = gain·sqrt(2 / (fan_in + fan_out)) (<c>xavier_normal_</c>).</summary>
    public static Tensor XavierNormal(Tensor tensor, Generator generator, float gain = 1f)
    {
        var (fanIn, fanOut) = Fans(tensor);
        return tensor.NormalInPlace(generator, 0f, gain * MathF.Sqrt(2f / (fanIn + fanOut)));
    }

    /// <summary>
    /// U(-b, b) with b = gain·sqrt(3 / fan), gain = sqrt(2 / (1 + a²)) for leaky ReLU slope <paramref name="a"/>
    /// (<c>kaiming_uniform_</c>; a = sqrt(5) reproduces nn.Linear's default).
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, Generator generator, float a = 0f, bool fanIn = true)
    {
        var (fi, fo) = Fans(tensor);
        var gain = MathF.Sqrt(2f / (1f + (a * a)));
        var bound = gain * MathF.Sqrt(3f / (fanIn ? fi : fo));
        return tensor.UniformInPlace(generator, -bound, bound);
    }

    /// <summary>N(0, std²) with std = gain / sqrt(fan) (<c>kaiming_normal_</c>).</summary>
    public static Tensor KaimingNormal(Tensor tensor, Generator generator, float a = 0f, bool fanIn = true)
    {
        var (fi, fo) = Fans(tensor);
        var gain = MathF.Sqrt(2f / (1f + (a * a)));
        return tensor.NormalInPlace(generator, 0f, gain / MathF.Sqrt(fanIn ? fi : fo));
    }

    /// <summary>N(mean, std²) (<c>normal_</c>).</summary>
    public static Tensor Normal(Tensor tensor, Generator generator, float mean = 0f, float std = 1f) => tensor.NormalInPlace(generator, mean, std);

    /// <summary>U(low, high) (<c>uniform_</c>).</summary>
    public static Tensor Uniform(Tensor tensor, Generator generator, float low = 0f, float high = 1f) => tensor.UniformInPlace(generator, low, high);

    /// <summary>Zeros (<c>zeros_</c>).</summary>
    public static Tensor Zeros(Tensor tensor) => tensor.ZeroInPlace();

    /// <summary>Ones (<c>ones_</c>).</summary>
    public static Tensor Ones(Tensor tensor) => tensor.FillInPlace(1f);

    /// <summary>(fan_in, fan_out) of a weight of rank ≥ 2; for rank 1 both equal its size.</summary>
    public static (float FanIn, float FanOut) Fans(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NDim < 2)
        {
            return (Math.Max(tensor.NumEl, 1), Math.Max(tensor.NumEl, 1));
        }

        var receptive = 1;
        for (var d = 2; d < tensor.NDim; d++)
        {
            receptive *= tensor.Size(d);
        }

        return (Math.Max(tensor.Size(1) * receptive, 1), Math.Max(tensor.Size(0) * receptive, 1));
    }
}
