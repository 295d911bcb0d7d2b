using Polypose.Core.Options;

namespace Polypose.Evaluation.Tracking;

/// <summary>Settings of <see cref="TrackingMetric"/>.</summary>
public sealed record TrackingMetricOptions
{
    private readonly double _thresholdMm = 500;

    /// <summary>
    /// A prediction and a ground-truth person can correspond only when their mean per-joint distance (mm, over the
    /// joints both have) is below this threshold. Default 500 (the Recall@500 radius).
    /// </summary>
    public double ThresholdMm { get => _thresholdMm; init => _thresholdMm = OptionCheck.Positive(value, nameof(ThresholdMm)); }
}
