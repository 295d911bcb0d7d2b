namespace Polypose.Learning.Tests.Training;

/// <summary>Tests that set process-wide <see cref="Tensors.Memory.TensorPool"/> switches or count on its traffic run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolPoisonGroup
{
    /// <summary>Collection name.</summary>
    public const string Name = "PoolPoison";
}
