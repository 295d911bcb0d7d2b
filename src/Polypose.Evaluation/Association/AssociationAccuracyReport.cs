namespace Polypose.Evaluation.Association;

/// <summary>
/// Pairwise association accuracy over all frames added to an <see cref="AssociationAccuracyMetric"/> (micro-averaged:
/// pair counts are summed over frames before dividing). A pair is two detections of one frame in different views.
/// </summary>
/// <param name="Precision">Correct / predicted pairs; 1 when nothing was paired (no claim, no wrong claim).</param>
/// <param name="Recall">Correct / true pairs; 1 when the frames hold no true pair.</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="TruePairs">Pairs of detections (different views) with the same true person id (≥ 0).</param>
/// <param name="PredictedPairs">Pairs of detections that the assigner put in the same group.</param>
/// <param name="CorrectPairs">Predicted pairs that are true pairs.</param>
/// <param name="DistractorPairs">Predicted pairs with at least one distractor (id −1) in them; all are wrong.</param>
/// <param name="Detections">Detections seen (all views, all frames).</param>
/// <param name="DistractorDetections">Detections whose true id is −1.</param>
/// <param name="DistractorsGrouped">Distractor detections that the assigner put in some multi-view group.</param>
/// <param name="FrameCount">Frames added.</param>
public sealed record AssociationAccuracyReport(
    double Precision,
    double Recall,
    double F1,
    long TruePairs,
    long PredictedPairs,
    long CorrectPairs,
    long DistractorPairs,
    long Detections,
    long DistractorDetections,
    long DistractorsGrouped,
    int FrameCount);
