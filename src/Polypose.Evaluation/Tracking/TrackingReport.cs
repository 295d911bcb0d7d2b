namespace Polypose.Evaluation.Tracking;

/// <summary>
/// CLEAR-MOT and identity metrics of a tracked prediction against ground truth with ids. Rates are fractions (0..1).
/// </summary>
/// <param name="ThresholdMm">Correspondence threshold (mean per-joint distance, mm).</param>
/// <param name="Frames">Ground-truth frames scored.</param>
/// <param name="GtCount">Ground-truth person instances (summed over frames).</param>
/// <param name="PredictionCount">Predicted person instances on those frames.</param>
/// <param name="Matches">Corresponding pairs (true positives).</param>
/// <param name="Misses">Ground-truth instances without a corresponding prediction (FN).</param>
/// <param name="FalsePositives">Predictions without a corresponding ground truth (FP).</param>
/// <param name="IdSwitches">Times a ground-truth person corresponded to a different predicted id than at its previous correspondence.</param>
/// <param name="Mota">1 − (FN + FP + IDSW) / GT.</param>
/// <param name="MotpMm">Mean distance (mm) of the corresponding pairs.</param>
/// <param name="Idf1">2 IDTP / (GT + predictions) under the best one-to-one mapping of ground-truth ids to predicted ids.</param>
/// <param name="IdPrecision">IDTP / predictions.</param>
/// <param name="IdRecall">IDTP / GT.</param>
/// <param name="People">Per ground-truth id: instances, matches and id switches.</param>
public sealed record TrackingReport(
    double ThresholdMm,
    int Frames,
    int GtCount,
    int PredictionCount,
    int Matches,
    int Misses,
    int FalsePositives,
    int IdSwitches,
    double Mota,
    double MotpMm,
    double Idf1,
    double IdPrecision,
    double IdRecall,
    IReadOnlyList<TrackedPersonReport> People);

/// <summary>Tracking figures of one ground-truth person.</summary>
/// <param name="GtId">The ground-truth id.</param>
/// <param name="Instances">Frames in which the person is annotated.</param>
/// <param name="Matches">Frames in which a prediction corresponds to it.</param>
/// <param name="IdSwitches">Id switches of this person.</param>
/// <param name="PredictedId">The predicted id mapped to it by the IDF1 matching (−1 when none).</param>
public sealed record TrackedPersonReport(int GtId, int Instances, int Matches, int IdSwitches, int PredictedId);
