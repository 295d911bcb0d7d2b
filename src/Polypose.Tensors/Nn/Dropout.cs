namespace Polypose.Tensors.Nn;

/// <summary>Dropout with probability p in training mode (PyTorch <c>nn.Dropout</c>); masks come from a seeded generator.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    private readonly Generator _generator;

    /// <summary>Creates the layer.</summary>
    public Dropout(float p, Generator generator)
    {
        if (p < 0f || p > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        }

        P = p;
        _generator = generator;
    }

    /// <summary>Drop probability.</summary>
    public float P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, Training, _generator);
}
