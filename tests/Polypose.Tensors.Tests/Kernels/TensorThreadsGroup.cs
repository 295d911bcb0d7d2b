namespace Polypose.Tensors.Tests.Kernels;

/// <summary>Serialises tests that change the process-wide <see cref="Polypose.Tensors.Kernels.TensorThreads.Count"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TensorThreadsGroup
{
    public const string Name = "TensorThreads";
}
