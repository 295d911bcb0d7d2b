namespace Polypose.Tensors.Autograd;

/// <summary>Per-thread switch for graph recording (PyTorch <c>torch.is_grad_enabled</c>).</summary>
public static class GradMode
{
    [ThreadStatic]
    private static bool t_disabled;

    /// <summary>True when ops on tensors that require grad record a graph on this thread.</summary>
    public static bool IsEnabled
    {
        get => !t_disabled;
        internal set => t_disabled = !value;
    }

    internal static bool ShouldRecord(Tensor a) => !t_disabled && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => !t_disabled && (a.RequiresGrad || b.RequiresGrad);

    internal static bool ShouldRecord(Tensor a, Tensor b, Tensor c) => !t_disabled && (a.RequiresGrad || b.RequiresGrad || c.RequiresGrad);

    internal static bool ShouldRecord(ReadOnlySpan<Tensor> inputs)
    {
        if (t_disabled)
        {
            return false;
        }

        foreach (var t in inputs)
        {
            if (t.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }
}
