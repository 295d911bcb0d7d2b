namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>Uniform samples in [low, high) (PyTorch <c>torch.rand</c> scaled / <c>uniform_</c>).</summary>
    public static Tensor Uniform(Generator generator, int[] shape, float low = 0f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        var d = t.FData!;
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = low + ((high - low) * generator.NextFloat());
        }

        return t;
    }

    /// <summary>Uniform samples in [0, 1) (PyTorch <c>torch.rand</c>).</summary>
    public static Tensor Rand(Generator generator, params int[] shape) => Uniform(generator, shape);

    /// <summary>Normal samples with the given mean and standard deviation (PyTorch <c>torch.normal</c>).</summary>
    public static Tensor Normal(Generator generator, int[] shape, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        var d = t.FData!;
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = (float)(mean + (std * generator.NextNormal()));
        }

        return t;
    }

    /// <summary>Standard normal samples (PyTorch <c>torch.randn</c>).</summary>
    public static Tensor Randn(Generator generator, params int[] shape) => Normal(generator, shape);

    /// <summary>Float 0/1 samples with P(1) = the matching element of <paramref name="probabilities"/> (PyTorch <c>torch.bernoulli</c>).</summary>
    public static Tensor Bernoulli(Generator generator, Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(probabilities);
        var p = probabilities.ToArray();
        var r = new float[p.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = generator.NextDouble() < p[i] ? 1f : 0f;
        }

        return new Tensor(r, probabilities.Shape);
    }

    /// <summary>Float 0/1 samples of the given shape with P(1) = <paramref name="p"/>.</summary>
    public static Tensor Bernoulli(Generator generator, float p, params int[] shape) => Bernoulli(generator, Full(p, shape));

    /// <summary>Uniform int64 samples in [low, high) (PyTorch <c>torch.randint</c>).</summary>
    public static Tensor RandInt(Generator generator, long low, long high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(DType.Int64, shape);
        var d = t.LData!;
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = generator.NextInt64(low, high);
        }

        return t;
    }

    /// <summary>A random permutation of 0..n-1 as int64 (Fisher–Yates; PyTorch <c>torch.randperm</c>).</summary>
    public static Tensor RandPerm(Generator generator, int n)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new long[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)generator.NextInt64(0, i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return new Tensor(p, [n]);
    }

    /// <summary>Fills this float tensor with uniform samples in [low, high) in place; not recorded.</summary>
    public Tensor UniformInPlace(Generator generator, float low = 0f, float high = 1f) => CopyInPlace(Uniform(generator, ShapeArray, low, high));

    /// <summary>Fills this float tensor with normal samples in place; not recorded.</summary>
    public Tensor NormalInPlace(Generator generator, float mean = 0f, float std = 1f) => CopyInPlace(Normal(generator, ShapeArray, mean, std));
}
