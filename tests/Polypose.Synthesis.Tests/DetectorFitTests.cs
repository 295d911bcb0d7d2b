using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Fitting;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Synthesis.Tests;

public sealed class DetectorFitTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void DefaultModel_ShelfShapedScene_WithinTwentyPercentOfRealShelf()
    {
        // Real: Shelf OpenPose detections vs projected Shelf ground truth. Synthetic: a generated 5-camera, 4-person scene
        // (seed differs from the one the defaults were fitted on) with the default model, measured the same way.
        var real = ShelfData.Statistics;
        var syn = DetectorModelFit.Simulate(DetectorNoiseModel.Default, ShelfData.CalibrationScene(seed: 11) with { Frames = 600 });
        output.WriteLine(StatisticsReport.SideBySide(real, syn));
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            Assert.InRange(syn.ErrorQuantile(q) / real.ErrorQuantile(q), 0.8, 1.2);
        }

        var rm = real.MissRates;
        var sm = syn.MissRates;
        for (var i = 0; i < rm.Count; i++)
        {
            // Within 20% of the real rate. Rates under 5% swing by about a point between 600-frame scenes (who stands
            // where), so those get a ±1.5 point band instead.
            Assert.True(Math.Abs(sm[i] - rm[i]) <= Math.Max(0.2 * rm[i], 0.015), $"{DetectorStatistics.JointNames[i]}: synthetic miss {sm[i]:F4} vs real {rm[i]:F4}");
        }

        Assert.InRange(syn.OverallMissRate / real.OverallMissRate, 0.8, 1.2);
        Assert.InRange(syn.MeanScore / real.MeanScore, 0.9, 1.1);
    }

    [SharedDataFact]
    public void Fit_FromPoorStart_MovesTowardsRealStatistics()
    {
        var real = ShelfData.Statistics;
        var scene = ShelfData.CalibrationScene(seed: 2) with { Frames = 150 };
        var poor = DetectorNoiseModel.Default with { JitterSigma = Enumerable.Repeat(0.05, 25).ToArray(), MissProbability = new double[25], OccludedMissProbability = 1 };
        var before = DetectorModelFit.Simulate(poor, scene);
        var fit = DetectorModelFit.Fit(real, scene, iterations: 2, start: poor);
        double Gap(DetectorStatistics s) => Math.Abs(Math.Log(s.ErrorQuantile(0.5) / real.ErrorQuantile(0.5))) + Math.Abs(s.OverallMissRate - real.OverallMissRate);
        output.WriteLine($"gap before {Gap(before):F3}, after {Gap(fit.Synthetic):F3}");
        Assert.True(Gap(fit.Synthetic) < 0.5 * Gap(before));
        Assert.InRange(fit.Synthetic.ErrorQuantile(0.5) / real.ErrorQuantile(0.5), 0.8, 1.2);
    }

    [Fact]
    public void Measure_PerfectDetector_ZeroErrorNoMisses()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { People = 2, Frames = 20, Noise = DetectorNoiseModel.Perfect });
        var stats = DetectorStatistics.Measure(scene);
        Assert.Equal(0, stats.OverallMissRate);
        Assert.True(stats.Errors.Count > 500);
        Assert.True(stats.ErrorQuantile(1) < 1e-9);
        Assert.Equal(1.0, stats.MeanScore, 9);
    }
}
