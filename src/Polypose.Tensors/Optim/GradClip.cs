namespace Polypose.Tensors.Optim;

/// <summary>Gradient clipping (PyTorch <c>torch.nn.utils.clip_grad_norm_</c>).</summary>
public static class GradClip
{
    /// <summary>
    /// Scales all gradients in place so their global L2 norm is at most <paramref name="maxNorm"/>
    /// (coefficient maxNorm / (norm + 1e-6), applied only when below 1). Returns the norm before clipping.
    /// </summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sq = 0;
        foreach (var g in grads)
        {
            foreach (var v in g.ReadSpan())
            {
                sq += (double)v * v;
            }
        }

        var norm = Math.Sqrt(sq);
        var coef = maxNorm / (norm + 1e-6);
        if (coef < 1)
        {
            foreach (var g in grads)
            {
                g.MulInPlace((float)coef);
            }
        }

        return norm;
    }
}
