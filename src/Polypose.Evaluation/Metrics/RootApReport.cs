namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Root (mid-hip) localisation metrics (dispose.md §8.2): plain numbers and lists, ready for JSON. AP and recall are
/// fractions in [0, 1]; distances in mm.
/// </summary>
/// <param name="Ap">AP and recall per threshold.</param>
/// <param name="MeanAp">Mean of the APs.</param>
/// <param name="Recall500">Recall at the recall threshold (unique GT roots within it).</param>
/// <param name="Mde">Mean distance error of the first-claiming predictions below the recall threshold; null when none.</param>
/// <param name="RecallThreshold">The recall threshold (mm).</param>
/// <param name="GtCount">Valid GT roots over all frames.</param>
/// <param name="PredictionCount">Predictions with a positive score and a root.</param>
/// <param name="FrameCount">Frames added.</param>
/// <param name="ScoreSource">"explicit", "mean-joint-confidence" or "mixed" (see <see cref="PoseApReport"/>).</param>
public sealed record RootApReport(
    IReadOnlyList<ApEntry> Ap,
    double MeanAp,
    double Recall500,
    double? Mde,
    double RecallThreshold,
    int GtCount,
    int PredictionCount,
    int FrameCount,
    string ScoreSource);
