using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Metrics;

/// <summary>The state shared by the AP accumulators: pooled ranked predictions, GT count and score provenance.</summary>
internal sealed class RankedPool
{
    private readonly List<RankedPrediction> _predictions = [];
    private long _nextKey;
    private int _explicitFrames;
    private int _implicitFrames;

    public IReadOnlyList<RankedPrediction> Predictions => _predictions;

    public int GtCount { get; private set; }

    public int FrameCount => _explicitFrames + _implicitFrames;

    public string ScoreSource => (_explicitFrames, _implicitFrames) switch
    {
        (0, _) => "mean-joint-confidence",
        (_, 0) => "explicit",
        _ => "mixed",
    };

    /// <summary>Registers a frame and returns the global key of its first valid GT (keys are consecutive).</summary>
    public long BeginFrame(int validGtCount, bool explicitScores)
    {
        if (explicitScores)
        {
            _explicitFrames++;
        }
        else
        {
            _implicitFrames++;
        }

        var first = _nextKey;
        _nextKey += validGtCount;
        GtCount += validGtCount;
        return first;
    }

    public void Add(RankedPrediction prediction) => _predictions.Add(prediction);

    /// <summary>Computes AP per threshold, mean AP, recall at the recall threshold and the first-claim mean distance.</summary>
    public (List<ApEntry> Ap, double MeanAp, double Recall, double? Mean) Evaluate(ApOptions options)
    {
        var ap = options.Thresholds
            .Select(t => AveragePrecision.Compute(_predictions, GtCount, t))
            .Select(r => new ApEntry(r.Threshold, r.AveragePrecision, r.Recall))
            .ToList();
        var recall = AveragePrecision.Compute(_predictions, GtCount, options.RecallThreshold).Recall;
        var mean = AveragePrecision.MeanOfFirstClaims(_predictions, options.RecallThreshold);
        return (ap, ap.Count > 0 ? ap.Average(a => a.Ap) : 0, recall, mean.IsValid ? mean.Value : null);
    }

    /// <summary>The per-prediction scores: explicit ones (checked) or the mean joint confidence.</summary>
    public static double[] Scores(Core.Poses.Frame3D prediction, IReadOnlyList<double>? scores)
    {
        if (scores is null)
        {
            return [.. prediction.People.Select(JointPairing.MeanConfidence)];
        }

        if (scores.Count != prediction.People.Count)
        {
            throw new ArgumentException(
                $"frame {prediction.FrameIndex}: {scores.Count} scores for {prediction.People.Count} predicted persons", nameof(scores));
        }

        return [.. scores.Select(s => double.IsFinite(s) ? s : 0)];
    }
}
