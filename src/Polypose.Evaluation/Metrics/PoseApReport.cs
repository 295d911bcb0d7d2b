namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Panoptic-style pose metrics (dispose.md §8.1): plain numbers and lists, ready for JSON. AP and recall are fractions
/// in [0, 1]; distances in mm.
/// </summary>
/// <param name="Ap">AP and recall per threshold.</param>
/// <param name="MeanAp">Mean of the APs ("MAP").</param>
/// <param name="Recall500">Final recall at the recall threshold.</param>
/// <param name="Mpjpe">Mean MPJPE of the first-claiming predictions below the recall threshold; null when none.</param>
/// <param name="RecallThreshold">The recall threshold (mm).</param>
/// <param name="GtCount">Valid GT poses over all frames.</param>
/// <param name="PredictionCount">Predictions with a positive score.</param>
/// <param name="FrameCount">Frames added.</param>
/// <param name="ScoreSource">"explicit" when every frame came with scores, "mean-joint-confidence" when none did, else "mixed".</param>
public sealed record PoseApReport(
    IReadOnlyList<ApEntry> Ap,
    double MeanAp,
    double Recall500,
    double? Mpjpe,
    double RecallThreshold,
    int GtCount,
    int PredictionCount,
    int FrameCount,
    string ScoreSource);
