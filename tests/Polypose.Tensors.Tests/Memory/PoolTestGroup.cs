namespace Polypose.Tensors.Tests.Memory;

/// <summary>Tests that read the process-wide <see cref="Tensors.Memory.TensorPool"/> counters run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolTestGroup
{
    /// <summary>Collection name.</summary>
    public const string Name = "TensorPool";
}
