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
    /// The model fitted to the OpenPose BODY25 detections of the Shelf test set (calibration scene: mixed:5 rig, 1032×776,
    /// 50–56° field of view, 4 people, 4.5 m room, 1500 frames, seed 1). <see cref="JointOffset"/> is the mean offset (mm,
    /// body frame) of triangulated real candidates from the Shelf GT; <see cref="JointScatter"/> and the per-view
    /// parameters were calibrated together (3 rounds of <c>DetectorModelFit.Fit</c>, 6 iterations each, then scatter
    /// moved to match the robust 3D spread); see docs/synthesis.md for the procedure and the real-versus-synthetic
    /// tables. Face, neck, mid-hip and foot values are copied from their measured neighbours; swaps, truncation, merges
    /// and false positives are priors, not fitted.
    /// </summary>
    public static DetectorNoiseModel Default { get; } = new()
    {
        JitterSigma =
        [
            0.0101, 0.0101, 0.0125, 0.0058, 0.0148, 0.0078, 0.0072, 0.0129, 0.0218, 0.0232, 0.0084, 0.0074, 0.0205, 0.0085, 0.0088,
            0.0101, 0.0101, 0.0101, 0.0101, 0.0088, 0.0088, 0.0088, 0.0074, 0.0074, 0.0074,
        ],
        MissProbability =
        [
            0.0162, 0.0162, 0.0225, 0.1745, 0.2583, 0.0100, 0.1225, 0.1902, 0.0265, 0.0282, 0.0579, 0.0681, 0.0248, 0.0468, 0.0705,
            0.0162, 0.0162, 0.0162, 0.0162, 0.0705, 0.0705, 0.0705, 0.0681, 0.0681, 0.0681,
        ],
        JointOffset =
        [
            new(0, 0, 0), new(8, 7, 30), new(16, 5, 28), new(-9, -10, 5), new(-7, 4, 14),
            new(0, 9, 31), new(3, -14, 12), new(23, -21, 22), new(-1, -4, 58), new(0, 3, 61),
            new(14, 9, 16), new(12, -4, 5), new(-2, -12, 54), new(-9, -2, 19), new(-1, -4, 6),
            new(0, 0, 0), new(0, 0, 0), new(0, 0, 0), new(0, 0, 0), new(-1, -4, 6),
            new(-1, -4, 6), new(-1, -4, 6), new(12, -4, 5), new(12, -4, 5), new(12, -4, 5),
        ],
        JointScatter =
        [
            new(20, 19, 7), new(20, 19, 7), new(21, 17, 9), new(24, 33, 27), new(15, 27, 21),
            new(19, 22, 4), new(10, 17, 12), new(1, 31, 25), new(1, 15, 1), new(1, 29, 1),
            new(10, 24, 21), new(7, 21, 21), new(1, 1, 1), new(14, 33, 22), new(3, 19, 17),
            new(20, 19, 7), new(20, 19, 7), new(20, 19, 7), new(20, 19, 7), new(3, 19, 17),
            new(3, 19, 17), new(3, 19, 17), new(7, 21, 21), new(7, 21, 21), new(7, 21, 21),
        ],
        OutlierProbability = 0.0180,
        OutlierSigma = 0.0566,
        OccludedMissProbability = 0.0079,
        OccludedSigmaScale = 1.8,
        FacingAwayMissProbability = 0.9,
        ScoreIntercept = 0.8560,
        ScoreSlope = 2.2426,
        ScoreNoise = 0.1389,
        OccludedScoreFactor = 0.7,
        SwapProbability = 0.01,
        TruncationProbability = 0.01,
        MergeProbability = 0.03,
        FalsePositivesPerView = 0.2,
    };
}
