namespace Polypose.Tensors.Nn;

/// <summary>
/// Multi-layer perceptron: Linear → activation (→ dropout) for each hidden size, then a final Linear, held in a
/// <see cref="Sequential"/> named "layers" (keys "layers.0.weight", ...), like torchvision <c>ops.MLP</c>.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    /// <summary>Creates the MLP; <paramref name="sizes"/> lists hidden sizes then the output size.</summary>
    public Mlp(int inFeatures, int[] sizes, Generator generator, Func<Activation>? activation = null, float dropout = 0f)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0)
        {
            throw new ArgumentException("Mlp needs at least one layer size", nameof(sizes));
        }

        activation ??= Activation.Relu;
        Layers = new Sequential();
        var width = inFeatures;
        for (var i = 0; i < sizes.Length; i++)
        {
            Layers.Append(new Linear(width, sizes[i], generator));
            if (i < sizes.Length - 1)
            {
                Layers.Append(activation());
                if (dropout > 0f)
                {
                    Layers.Append(new Dropout(dropout, generator));
                }
            }

            width = sizes[i];
        }

        RegisterModule("layers", Layers);
    }

    /// <summary>The layer stack.</summary>
    public Sequential Layers { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Layers.Forward(input);
}
