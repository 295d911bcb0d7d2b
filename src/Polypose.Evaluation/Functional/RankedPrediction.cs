namespace Polypose.Evaluation.Functional;

/// <summary>
/// One prediction pooled for AP: its detection <see cref="Score"/> (higher = more confident), the distance (mm) to its
/// nearest ground-truth pose, and that ground truth's key, unique per person and frame over the whole evaluation set
/// (−1 with an infinite distance when the frame had no ground truth: always a false positive).
/// </summary>
public readonly record struct RankedPrediction(double Score, double Distance, long GtKey);
