using Polypose.Core.Poses;
using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Root localisation AP accumulator (dispose.md §8.2): the <see cref="PoseApMetric"/> machinery on the Euclidean
/// distance between predicted and GT roots. Root = <c>mid_hip</c> when the skeleton has it and it is present, else the
/// mean of both hips. GT counts when id ≠ −1 and its root is present; predictions need a score &gt; 0 and a root.
/// World mm.
/// </summary>
public sealed class RootApMetric
{
    private readonly RankedPool _pool = new();

    /// <summary>Creates an empty accumulator.</summary>
    public RootApMetric(ApOptions? options = null) => Options = options ?? new ApOptions();

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
        var roots = new List<Vec3>();
        foreach (var g in groundTruth.People)
        {
            if (g.Id != -1 && JointPairing.TryRoot(g, out var r))
            {
                roots.Add(r);
            }
        }

        var firstKey = _pool.BeginFrame(roots.Count, scores is not null);
        for (var i = 0; i < prediction.People.Count; i++)
        {
            if (!(s[i] > 0) || !JointPairing.TryRoot(prediction.People[i], out var root))
            {
                continue;
            }

            var best = double.PositiveInfinity;
            var key = -1L;
            for (var g = 0; g < roots.Count; g++)
            {
                var d = Vec3.Distance(root, roots[g]);
                if (d < best)
                {
                    best = d;
                    key = firstKey + g;
                }
            }

            _pool.Add(new RankedPrediction(s[i], best, key));
        }
    }

    /// <summary>Builds the report from everything added so far.</summary>
    public RootApReport Compute()
    {
        var (ap, meanAp, recall, mean) = _pool.Evaluate(Options);
        return new RootApReport(
            ap, meanAp, recall, mean, Options.RecallThreshold, _pool.GtCount, _pool.Predictions.Count, _pool.FrameCount, _pool.ScoreSource);
    }
}
