namespace Polypose.Tensors.Nn;

/// <summary>Parameter-free element-wise activation layer (PyTorch <c>nn.ReLU</c>, <c>nn.GELU</c>, ...).</summary>
public sealed class Activation : Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> _function;

    private Activation(string name, Func<Tensor, Tensor> function)
    {
        Name = name;
        _function = function;
    }

    /// <summary>PyTorch class name of the activation.</summary>
    public string Name { get; }

    /// <summary>nn.ReLU.</summary>
    public static Activation Relu() => new("ReLU", x => x.Relu());

    /// <summary>nn.GELU (erf form).</summary>
    public static Activation Gelu() => new("GELU", x => x.Gelu());

    /// <summary>nn.SiLU.</summary>
    public static Activation Silu() => new("SiLU", x => x.Silu());

    /// <summary>nn.Tanh.</summary>
    public static Activation Tanh() => new("Tanh", x => x.Tanh());

    /// <summary>nn.Sigmoid.</summary>
    public static Activation Sigmoid() => new("Sigmoid", x => x.Sigmoid());

    /// <summary>nn.LeakyReLU.</summary>
    public static Activation LeakyRelu(float negativeSlope = 0.01f) => new("LeakyReLU", x => x.LeakyRelu(negativeSlope));

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _function(input);
}
