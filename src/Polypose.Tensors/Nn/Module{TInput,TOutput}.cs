namespace Polypose.Tensors.Nn;

/// <summary>A module with a single-argument forward (TorchSharp <c>Module&lt;T, TResult&gt;</c>).</summary>
/// <typeparam name="TInput">Input type.</typeparam>
/// <typeparam name="TOutput">Output type.</typeparam>
public abstract class Module<TInput, TOutput> : Module
{
    /// <summary>Computes the layer output.</summary>
    public abstract TOutput Forward(TInput input);
}
