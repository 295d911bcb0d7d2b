namespace Polypose.Evaluation.Functional;

/// <summary>
/// Distance-thresholded average precision over a pooled, score-ranked prediction list (the VoxelPose/DisPOSE protocol,
/// dispose.md §8.1 items 2–6).
/// </summary>
public static class AveragePrecision
{
    /// <summary>Added to denominators exactly as the reference protocol does (so recall never quite reaches 1).</summary>
    public const double Epsilon = 1e-5;

    /// <summary>
    /// AP at <paramref name="threshold"/> (mm). Predictions are ranked by score, descending (ties keep input order). A
    /// prediction is a true positive when its distance is strictly below the threshold and its GT key has not been
    /// claimed by a higher-ranked prediction; otherwise a false positive. recall_i = TP_i/(#GT + ε), precision_i =
    /// TP_i/(TP_i + FP_i + ε); precision is made monotone from the right; recall is padded with 0 … 1 and precision
    /// with 0 … 0; AP = Σ (r_{k+1} − r_k)·p_{k+1} over the indices where recall changes. Recall is the final recall
    /// (0 for an empty list).
    /// </summary>
    public static ApResult Compute(IReadOnlyList<RankedPrediction> predictions, int gtCount, double threshold)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfNegative(gtCount);
        var order = Rank(predictions);
        var n = order.Length;
        var recall = new double[n + 2];
        var precision = new double[n + 2];
        var claimed = new HashSet<long>();
        double tp = 0, fp = 0;
        for (var i = 0; i < n; i++)
        {
            var p = predictions[order[i]];
            if (p.GtKey >= 0 && p.Distance < threshold && claimed.Add(p.GtKey))
            {
                tp++;
            }
            else
            {
                fp++;
            }

            recall[i + 1] = tp / (gtCount + Epsilon);
            precision[i + 1] = tp / (tp + fp + Epsilon);
        }

        var finalRecall = n > 0 ? recall[n] : 0;
        recall[0] = 0;
        recall[n + 1] = 1;
        precision[0] = 0;
        precision[n + 1] = 0;
        for (var i = n - 1; i >= 1; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        double ap = 0;
        for (var k = 0; k < n + 1; k++)
        {
            if (recall[k + 1] != recall[k])
            {
                ap += (recall[k + 1] - recall[k]) * precision[k + 1];
            }
        }

        return new ApResult(threshold, ap, finalRecall);
    }

    /// <summary>
    /// The mean distance (mm) of the first-claiming predictions (ranked by score) whose distance is strictly below
    /// <paramref name="threshold"/>: MPJPE (or MDE for roots) in the reference protocol. Invalid when none qualifies.
    /// </summary>
    public static JointErrorResult MeanOfFirstClaims(IReadOnlyList<RankedPrediction> predictions, double threshold)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var claimed = new HashSet<long>();
        double sum = 0;
        var count = 0;
        foreach (var i in Rank(predictions))
        {
            var p = predictions[i];
            if (p.GtKey >= 0 && p.Distance < threshold && claimed.Add(p.GtKey))
            {
                sum += p.Distance;
                count++;
            }
        }

        return count == 0 ? JointErrorResult.Invalid : new JointErrorResult(sum / count, count);
    }

    /// <summary>Indices sorted by score descending; equal scores keep their input order (stable).</summary>
    private static int[] Rank(IReadOnlyList<RankedPrediction> predictions) =>
        [.. Enumerable.Range(0, predictions.Count).OrderByDescending(i => predictions[i].Score)];
}
