using Polypose.Core.Skeletons;
using Polypose.Synthesis.Detection;

namespace Polypose.Synthesis.Fitting;

/// <summary>
/// Fits a <see cref="DetectorNoiseModel"/> to the statistics of a real detector by simulated moments: starting from
/// closed-form estimates (Rayleigh jitter from per-joint median errors, score line from least squares), it repeatedly
/// generates a calibration scene, measures it exactly as the real data were measured, and corrects per-joint jitter
/// (median ratio), per-joint random misses (rate difference), the occlusion miss probability (where random misses are
/// already zero), the outlier share (tail fraction) and the outlier width (99% quantile ratio). Joints the real data do
/// not measure (face, neck, mid-hip, feet) take the values of their nearest measured neighbours.
/// </summary>
public static class DetectorModelFit
{
    /// <summary>The 12 measured BODY25 joints, in <see cref="DetectorStatistics.JointNames"/> order.</summary>
    private static readonly int[] Measured = [.. DetectorStatistics.JointNames.Select(n => KnownSkeletons.Body25[n])];

    /// <summary>
    /// Fits a model to <paramref name="real"/>. <paramref name="calibrationScene"/> should resemble the real capture (rig
    /// size and resolution, number of people); its Noise is ignored. <paramref name="start"/> supplies the parameters that
    /// are not fitted (swaps, truncation, merges, false positives; default <see cref="DetectorNoiseModel.Default"/>).
    /// </summary>
    public static DetectorFitResult Fit(DetectorStatistics real, SceneOptions calibrationScene, int iterations = 6, DetectorNoiseModel? start = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(calibrationScene);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var model = Initial(real, start ?? DetectorNoiseModel.Default);
        var synthetic = Simulate(model, calibrationScene, real.Gate);
        var done = 0;
        for (var it = 0; it < iterations; it++)
        {
            model = Correct(model, real, synthetic);
            synthetic = Simulate(model, calibrationScene, real.Gate);
            done++;
        }

        return new DetectorFitResult(model, real, synthetic, done);
    }

    /// <summary>Generates the calibration scene with <paramref name="model"/> and measures it.</summary>
    public static DetectorStatistics Simulate(DetectorNoiseModel model, SceneOptions scene, double gate = 0.15)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return DetectorStatistics.Measure(SceneGenerator.Generate(scene with { Noise = model }), gate);
    }

    private static DetectorNoiseModel Initial(DetectorStatistics real, DetectorNoiseModel start)
    {
        // For a 2D isotropic Gaussian of per-axis sd σ, the error radius is Rayleigh with median σ·sqrt(2 ln 2).
        var rayleighMedian = Math.Sqrt(2 * Math.Log(2));
        var sigma = new double[12];
        var miss = new double[12];
        var rates = real.MissRates;
        for (var i = 0; i < 12; i++)
        {
            sigma[i] = Math.Max(1e-4, real.MedianError[i] / rayleighMedian);
            miss[i] = Math.Clamp(rates[i] * 0.5, 0, 0.8);
        }

        var (a, b, sd) = real.ScoreLine;
        return start with
        {
            JitterSigma = Spread(sigma),
            MissProbability = Spread(miss),
            ScoreIntercept = Math.Clamp(a, 0.2, 1.2),
            ScoreSlope = Math.Max(0, b),
            ScoreNoise = Math.Clamp(sd, 0, 0.5),
            OutlierProbability = 0.05,
            OutlierSigma = Math.Max(real.ErrorQuantile(0.99) / 2.5, 1e-3),
        };
    }

    private static DetectorNoiseModel Correct(DetectorNoiseModel m, DetectorStatistics real, DetectorStatistics syn)
    {
        var sigma = Measured.Select(j => m.JitterSigma[j]).ToArray();
        var miss = Measured.Select(j => m.MissProbability[j]).ToArray();
        var realRates = real.MissRates;
        var synRates = syn.MissRates;
        double occRatio = 0;
        var occCount = 0;
        for (var i = 0; i < 12; i++)
        {
            if (syn.MedianError[i] > 0 && real.MedianError[i] > 0)
            {
                sigma[i] *= Math.Clamp(real.MedianError[i] / syn.MedianError[i], 0.5, 2);
            }

            var next = miss[i] + (realRates[i] - synRates[i]);
            if (next < 0 && synRates[i] > 0)
            {
                occRatio += realRates[i] / synRates[i];
                occCount++;
            }

            miss[i] = Math.Clamp(next, 0, 0.8);
        }

        var occluded = m.OccludedMissProbability;
        if (occCount > 0)
        {
            occluded = Math.Clamp(occluded * (occRatio / occCount), 0, 1);
        }

        // Tail share: how many errors exceed three real medians; tail width: the 99% quantile.
        var cut = 3 * real.ErrorQuantile(0.5);
        var realTail = TailFraction(real, cut);
        var synTail = TailFraction(syn, cut);
        var po = synTail > 0 ? m.OutlierProbability * Math.Clamp(realTail / synTail, 0.5, 2) : m.OutlierProbability * 1.5;
        var q99 = syn.ErrorQuantile(0.99);
        var pout = q99 > 0 ? m.OutlierSigma * Math.Clamp(real.ErrorQuantile(0.99) / q99, 0.7, 1.4) : m.OutlierSigma;
        return m with
        {
            JitterSigma = Spread(sigma),
            MissProbability = Spread(miss),
            OccludedMissProbability = occluded,
            OutlierProbability = Math.Clamp(po, 0, 0.5),
            OutlierSigma = pout,
            ScoreIntercept = Math.Clamp(m.ScoreIntercept + (real.MeanScore - syn.MeanScore), 0.2, 1.5),
        };
    }

    private static double TailFraction(DetectorStatistics s, double cut)
    {
        if (s.Errors.Count == 0)
        {
            return 0;
        }

        var above = s.Errors.Count(e => e > cut);
        return (double)above / s.Errors.Count;
    }

    /// <summary>Expands 12 measured values to BODY25, filling unmeasured joints from measured neighbours.</summary>
    private static double[] Spread(double[] v)
    {
        double M(string name) => v[DetectorStatistics.JointNames.ToList().IndexOf(name)];
        var shoulders = (M("right_shoulder") + M("left_shoulder")) / 2;
        var hips = (M("right_hip") + M("left_hip")) / 2;
        var r = new double[25];
        for (var i = 0; i < 12; i++)
        {
            r[Measured[i]] = v[i];
        }

        r[0] = shoulders;
        r[1] = shoulders;
        r[8] = hips;
        for (var j = 15; j <= 18; j++)
        {
            r[j] = shoulders;
        }

        for (var j = 19; j <= 21; j++)
        {
            r[j] = M("left_ankle");
        }

        for (var j = 22; j <= 24; j++)
        {
            r[j] = M("right_ankle");
        }

        return r;
    }
}
