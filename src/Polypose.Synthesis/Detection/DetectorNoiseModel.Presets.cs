namespace Polypose.Synthesis.Detection;

/// <summary>The preset models.</summary>
public sealed partial record DetectorNoiseModel
{
    /// <summary>A detector that reports every in-image joint exactly (score 1), sees through bodies, and never errs.</summary>
    public static DetectorNoiseModel Perfect { get; } = new()
    {
        JitterSigma = new double[25],
        MissProbability = new double[25],
        ScoreIntercept = 1,
        MinJoints = 1,
    };

    /// <summary>
    /// The model fitted by <c>DetectorModelFit.Fit</c> (6 rounds, calibration scene: mixed:5 rig, 1032×776, 50–56° field
    /// of view, 4 people, 4.5 m room, 1500 frames, seed 1, merge prior 0.03) to the OpenPose BODY25 detections of the Shelf test set; see
    /// docs/synthesis.md for the real-versus-synthetic table. Face, neck, mid-hip and foot values are copied from their
    /// measured neighbours; swaps, truncation, merges and false positives are priors, not fitted.
    /// </summary>
    public static DetectorNoiseModel Default { get; } = new()
    {
        JitterSigma =
        [
            0.0184, 0.0184, 0.0198, 0.0155, 0.0197, 0.0170, 0.0118, 0.0215, 0.0331, 0.0357, 0.0153, 0.0131, 0.0305, 0.0166, 0.0121,
            0.0184, 0.0184, 0.0184, 0.0184, 0.0121, 0.0121, 0.0121, 0.0131, 0.0131, 0.0131,
        ],
        MissProbability =
        [
            0.0138, 0.0138, 0.0219, 0.1740, 0.2587, 0.0057, 0.1196, 0.1801, 0.0141, 0.0131, 0.0531, 0.0686, 0.0151, 0.0382, 0.0641,
            0.0138, 0.0138, 0.0138, 0.0138, 0.0641, 0.0641, 0.0641, 0.0686, 0.0686, 0.0686,
        ],
        OutlierProbability = 0.0082,
        OutlierSigma = 0.0474,
        OccludedMissProbability = 0.0324,
        OccludedSigmaScale = 1.8,
        FacingAwayMissProbability = 0.9,
        ScoreIntercept = 0.8768,
        ScoreSlope = 2.2426,
        ScoreNoise = 0.1389,
        OccludedScoreFactor = 0.7,
        SwapProbability = 0.01,
        TruncationProbability = 0.01,
        MergeProbability = 0.03,
        FalsePositivesPerView = 0.2,
    };
}
