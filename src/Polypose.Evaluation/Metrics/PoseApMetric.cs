using Polypose.Core.Poses;
using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Panoptic-style pose AP accumulator (dispose.md §8.1). For each frame, every prediction with score &gt; 0 is paired
/// with its nearest valid GT pose (id ≠ −1, at least one joint with confidence &gt; 0) by MPJPE over the joints visible
/// in the GT and present in the prediction (see <c>JointPairing</c> for how skeletons are matched); predictions are
/// then pooled over all frames and ranked by score. Score = the explicit score given to <see cref="Add(Frame3D, Frame3D, IReadOnlyList{double})"/>,
/// or, without one, the person's mean joint confidence over its present joints. World mm.
/// </summary>
public sealed class PoseApMetric
{
    private readonly RankedPool _pool = new();

    /// <summary>Creates an empty accumulator.</summary>
    public PoseApMetric(ApOptions? options = null) => Options = options ?? new ApOptions();

    /// <summary>The settings.</summary>
    public ApOptions Options { get; }

    /// <summary>Adds a frame; prediction scores are the mean joint confidences.</summary>
    public void Add(Frame3D prediction, Frame3D groundTruth) => Add(prediction, groundTruth, null);

    /// <summary>Adds a frame with one explicit score per predicted person (null = mean joint confidence).</summary>
    public void Add(Frame3D prediction, Frame3D groundTruth, IReadOnlyList<double>? scores)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        var s = RankedPool.Scores(prediction, scores);
        var gts = groundTruth.People.Where(g => g.Id != -1 && g.Confidence.Any(c => c > 0)).ToList();
        var firstKey = _pool.BeginFrame(gts.Count, scores is not null);
        for (var i = 0; i < prediction.People.Count; i++)
        {
            if (!(s[i] > 0))
            {
                continue;
            }

            var best = double.PositiveInfinity;
            var key = -1L;
            for (var g = 0; g < gts.Count; g++)
            {
                var (pj, gj, mask) = JointPairing.Pair(prediction.People[i], gts[g], Options.HeadRule);
                var e = PoseErrors.Mpjpe(pj, gj, mask);
                if (e.IsValid && e.Value < best)
                {
                    best = e.Value;
                    key = firstKey + g;
                }
            }

            _pool.Add(new RankedPrediction(s[i], best, key));
        }
    }

    /// <summary>Builds the report from everything added so far.</summary>
    public PoseApReport Compute()
    {
        var (ap, meanAp, recall, mean) = _pool.Evaluate(Options);
        return new PoseApReport(
            ap, meanAp, recall, mean, Options.RecallThreshold, _pool.GtCount, _pool.Predictions.Count, _pool.FrameCount, _pool.ScoreSource);
    }
}
