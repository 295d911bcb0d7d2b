using Polypose.Core.Options;
using Polypose.Evaluation.Conversion;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Settings shared by <see cref="PoseApMetric"/> and <see cref="RootApMetric"/> (distances in mm). Every setting is checked
/// when set (an out-of-range ApOptions cannot be built).
/// </summary>
public sealed record ApOptions
{
    /// <summary>The AP thresholds (mm, each &gt; 0, at least one); the reference protocol uses 25, 50, 75, 100, 125 and 150.</summary>
    public IReadOnlyList<double> Thresholds { get; init => field = CheckThresholds(value); } = [25, 50, 75, 100, 125, 150];

    /// <summary>The recall distance (mm) of Recall@500 and the cut-off for MPJPE/MDE (&gt; 0).</summary>
    public double RecallThreshold { get; init => field = OptionCheck.Positive(value, nameof(RecallThreshold)); } = 500;

    /// <summary>How predictions get head joints when the ground truth is Shelf14/15.</summary>
    public HeadRule HeadRule { get; init => field = OptionCheck.NotNull(value, nameof(HeadRule)); } = HeadRule.Default;

    private static IReadOnlyList<double> CheckThresholds(IReadOnlyList<double> thresholds)
    {
        OptionCheck.AtLeast(OptionCheck.NotNull(thresholds, nameof(Thresholds)).Count, 1, nameof(Thresholds) + ".Count");
        for (var i = 0; i < thresholds.Count; i++)
        {
            OptionCheck.Positive(thresholds[i], $"{nameof(Thresholds)}[{i}]");
        }

        return thresholds;
    }
}
