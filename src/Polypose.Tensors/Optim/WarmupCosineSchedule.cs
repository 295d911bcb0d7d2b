namespace Polypose.Tensors.Optim;

/// <summary>
/// Learning-rate schedule: linear warm-up from base/warmup to base over <see cref="WarmupSteps"/>, then cosine decay to
/// <see cref="MinLearningRate"/> at <see cref="TotalSteps"/> (held after).
/// </summary>
public sealed class WarmupCosineSchedule
{
    /// <summary>Creates the schedule; steps are counted from 0.</summary>
    public WarmupCosineSchedule(double baseLearningRate, int warmupSteps, int totalSteps, double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(minLearningRate);
        BaseLearningRate = baseLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinLearningRate = minLearningRate;
    }

    /// <summary>Peak learning rate.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Warm-up length.</summary>
    public int WarmupSteps { get; }

    /// <summary>Step at which the floor is reached.</summary>
    public int TotalSteps { get; }

    /// <summary>Floor learning rate.</summary>
    public double MinLearningRate { get; }

    /// <summary>The learning rate for <paramref name="step"/> (0-based).</summary>
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            return BaseLearningRate * (step + 1) / WarmupSteps;
        }

        var span = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Min(1.0, (step - WarmupSteps) / (double)span);
        return MinLearningRate + (0.5 * (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Sets the optimiser's learning rate for <paramref name="step"/>.</summary>
    public void Apply(Optimizer optimizer, int step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = At(step);
    }
}
