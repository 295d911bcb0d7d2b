namespace Polypose.Tensors.Optim;

/// <summary>AdamW (PyTorch <c>torch.optim.AdamW</c>): Adam with decoupled weight decay p *= 1 - lr·wd (default wd 0.01).</summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW over named parameters.</summary>
    public AdamW(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
        : base(parameters, learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>Creates AdamW over unnamed parameters.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
        : base(parameters, learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <inheritdoc />
    protected override bool DecoupledWeightDecay => true;
}
