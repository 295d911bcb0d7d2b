using Polypose.Evaluation.Conversion;

namespace Polypose.Evaluation.Metrics;

/// <summary>Settings shared by <see cref="PoseApMetric"/> and <see cref="RootApMetric"/> (distances in mm).</summary>
public sealed record ApOptions
{
    /// <summary>The AP thresholds (mm); the reference protocol uses 25, 50, 75, 100, 125 and 150.</summary>
    public IReadOnlyList<double> Thresholds { get; init; } = [25, 50, 75, 100, 125, 150];

    /// <summary>The recall distance (mm) of Recall@500 and the cut-off for MPJPE/MDE.</summary>
    public double RecallThreshold { get; init; } = 500;

    /// <summary>How predictions get head joints when the ground truth is Shelf14/15.</summary>
    public HeadRule HeadRule { get; init; } = HeadRule.Default;
}
