using Polypose.Tensors.Autograd;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Back-propagates from this tensor, accumulating into <see cref="Grad"/> of every leaf that requires grad
    /// (PyTorch <c>tensor.backward()</c>). <paramref name="gradient"/> defaults to 1 for single-element tensors.
    /// </summary>
    public void Backward(Tensor? gradient = null)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException("element 0 of tensors does not require grad and does not have a grad_fn");
        }

        if (gradient is null)
        {
            if (Count != 1)
            {
                throw new InvalidOperationException($"grad can be implicitly created only for single-element outputs, got {Internal.Shapes.Format(ShapeArray)}");
            }

            gradient = OnesLike(this);
        }

        Engine.Backward(this, gradient);
    }

    /// <summary>A view sharing storage but cut from the graph (PyTorch <c>tensor.detach()</c>).</summary>
    public Tensor Detach() => Alias();

    /// <summary>Sets <see cref="RequiresGrad"/> on a leaf and returns this tensor (PyTorch <c>requires_grad_()</c>).</summary>
    public Tensor SetRequiresGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Disables graph recording on this thread until the returned scope is disposed (PyTorch <c>torch.no_grad()</c>).</summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Enables graph recording on this thread until the returned scope is disposed (PyTorch <c>torch.enable_grad()</c>).</summary>
    public static GradModeScope EnableGrad() => new(true);
}
