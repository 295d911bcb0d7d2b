namespace Polypose.Tensors.Tests.Kernels;

/// <summary>
/// Tests that change the process-wide <see cref="Polypose.Tensors.Kernels.TensorThreads.Count"/> or count allocations
/// run alone: kernels rent scratch from the process-wide tensor pool, and a test running in parallel could take a
/// warmed-up buffer between warm-up and measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TensorThreadsGroup
{
    public const string Name = "TensorThreads";
}
