namespace Polypose.Tensors.Nn;

/// <summary>Lookup table weight [num, dim] initialised N(0, 1) (PyTorch <c>nn.Embedding</c>).</summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    /// <summary>Creates the table with weights drawn from <paramref name="generator"/>.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, Generator generator)
    {
        Weight = RegisterParameter("weight", Tensor.Normal(generator, [numEmbeddings, embeddingDim]));
    }

    /// <summary>Table [num, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>int64 indices [*] → [*, dim].</summary>
    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight);
}
