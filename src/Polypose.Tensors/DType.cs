namespace Polypose.Tensors;

/// <summary>Element type of a <see cref="Tensor"/> (PyTorch <c>torch.dtype</c> subset).</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>torch.float32</c>), the default; differentiable.</summary>
    Float32,

    /// <summary>64-bit signed integer (<c>torch.int64</c>), used for indices.</summary>
    Int64,

    /// <summary>Boolean (<c>torch.bool</c>), used for masks.</summary>
    Bool,

    /// <summary>
    /// 64-bit IEEE float (<c>torch.float64</c>); differentiable. For numerically delicate stages (log-domain Sinkhorn);
    /// a subset of ops (elementwise, reductions, segment, indexing, views) supports it, others ask for float32.
    /// </summary>
    Float64,
}
