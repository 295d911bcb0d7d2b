namespace Polypose.Tensors.Nn;

/// <summary>y = x Wᵀ + b with weight [out, in] and bias [out] (PyTorch <c>nn.Linear</c>; default init as PyTorch).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        Init.KaimingUniform(Weight, generator, MathF.Sqrt(5f));
        if (bias)
        {
            var bound = inFeatures > 0 ? 1f / MathF.Sqrt(inFeatures) : 0f;
            Bias = RegisterParameter("bias", Tensor.Uniform(generator, [outFeatures], -bound, bound));
        }
    }

    /// <summary>Input size.</summary>
    public int InFeatures { get; }

    /// <summary>Output size.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>x [*, in] → [*, out].</summary>
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
