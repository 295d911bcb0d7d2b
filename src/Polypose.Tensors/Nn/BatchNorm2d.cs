namespace Polypose.Tensors.Nn;

/// <summary>
/// Batch normalisation of NCHW input per channel (PyTorch <c>nn.BatchNorm2d</c>): batch statistics in training,
/// running statistics (buffers running_mean, running_var, num_batches_tracked) in eval.
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    public BatchNorm2d(int numFeatures, float eps = 1e-5f, float momentum = 0.1f, bool affine = true)
    {
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }

        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros(DType.Int64));
    }

    /// <summary>Variance epsilon.</summary>
    public float Eps { get; }

    /// <summary>Running-average momentum.</summary>
    public float Momentum { get; }

    /// <summary>Scale [C], or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift [C], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean [C].</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running unbiased variance [C].</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen (int64 scalar).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>x [N, C, H, W] → same shape.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.NDim != 4)
        {
            throw new ArgumentException($"BatchNorm2d expects 4-d NCHW input, got {input.NDim}-d", nameof(input));
        }

        if (Training)
        {
            var counter = NumBatchesTracked;
            var span = counter.LData!;
            span[counter.Offset]++;
        }

        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, Training, Momentum, Eps);
    }
}
