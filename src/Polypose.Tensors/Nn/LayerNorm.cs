namespace Polypose.Tensors.Nn;

/// <summary>Layer normalisation over the trailing dims with affine weight/bias (PyTorch <c>nn.LayerNorm</c>).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly int[] _shape;

    /// <summary>Normalises over the last dim of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int normalizedShape, float eps = 1e-5f, bool elementwiseAffine = true)
        : this([normalizedShape], eps, elementwiseAffine)
    {
    }

    /// <summary>Normalises over the trailing dims given by <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int[] normalizedShape, float eps = 1e-5f, bool elementwiseAffine = true)
    {
        _shape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(_shape));
            Bias = RegisterParameter("bias", Tensor.Zeros(_shape));
        }
    }

    /// <summary>Variance epsilon.</summary>
    public float Eps { get; }

    /// <summary>Scale (ones at init), or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift (zeros at init), or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, _shape, Weight, Bias, Eps);
}
