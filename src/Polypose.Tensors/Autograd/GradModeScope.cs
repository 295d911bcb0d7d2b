namespace Polypose.Tensors.Autograd;

/// <summary>
/// Sets <see cref="GradMode.IsEnabled"/> for the current thread until disposed, then restores the previous value.
/// Created by <see cref="Tensor.NoGrad"/> and <see cref="Tensor.EnableGrad"/> (PyTorch <c>torch.no_grad()</c>).
/// </summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool _previous;
    private bool _disposed;

    internal GradModeScope(bool enabled)
    {
        _previous = GradMode.IsEnabled;
        GradMode.IsEnabled = enabled;
    }

    /// <summary>Restores the grad mode that was active when the scope was created.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            GradMode.IsEnabled = _previous;
            _disposed = true;
        }

        GC.SuppressFinalize(this);
    }
}
