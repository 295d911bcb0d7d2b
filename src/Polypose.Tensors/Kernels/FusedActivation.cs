namespace Polypose.Tensors.Kernels;

/// <summary>Activation applied by the fused inference epilogue <see cref="Epilogue.BiasActivation"/>.</summary>
internal enum FusedActivation
{
    /// <summary>Identity: f(v) = v.</summary>
    None,

    /// <summary>f(v) = max(v, 0).</summary>
    Relu,

    /// <summary>f(v) = min(max(v, 0), 6).</summary>
    Relu6,

    /// <summary>f(v) = v · sigmoid(v) = v / (1 + e^(−v)).</summary>
    Silu,
}
