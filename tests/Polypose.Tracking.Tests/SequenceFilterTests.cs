using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Synthesis;
using Polypose.Tracking.Filters;
using Polypose.Tracking.Gaps;
using Polypose.Tracking.Sequences;
using static Polypose.Tracking.Tests.TestPeople;

namespace Polypose.Tracking.Tests;

public sealed class SequenceFilterTests
{
    [Fact]
    public void FramesWherePersonWasMissingAreFilledFlaggedAndAdded()
    {
        var frames = Enumerable.Range(0, 20).Select(f => f is 8 or 9 or 10 ? Frame(f) : Frame(f, At(3, new Vec3(10.0 * f, 0, 900)))).ToList();
        var filled = SequenceFilter.Apply(frames, [new GapFiller { Method = GapFillMethod.Linear, MaxGapFrames = 5 }], 30);
        Assert.All(filled, f => Assert.Single(f.People));
        var p9 = filled[9].People[0];
        Assert.Equal(3, p9.Id);
        Assert.Equal(90.0, p9.Joints[0].X, 9);
        Assert.All(p9.Flags!, f => Assert.Equal(JointEdits.Filled, f));
        Assert.All(p9.Confidence, c => Assert.Equal(1.0, c));
        Assert.Null(filled[7].People[0].Flags);
    }

    [Fact]
    public void JointsMissingBeyondTheMaximumGapStayMissing()
    {
        var frames = Enumerable.Range(0, 30).Select(f =>
        {
            var p = At(0, new Vec3(10.0 * f, 0, 900));
            return Frame(f, f is >= 5 and < 20 ? p with { Confidence = [1, 1, 0, 1, 1] } : p);
        }).ToList();
        var filled = SequenceFilter.Apply(frames, [new GapFiller { MaxGapFrames = 10 }], 30);
        Assert.All(filled.Skip(5).Take(15), f => Assert.False(f.People[0].Has(2)));
        Assert.All(filled.Skip(5).Take(15), f => Assert.Null(f.People[0].Flags));
    }

    [Fact]
    public void DuplicateIdsInAFrameAreRefused()
    {
        var frames = new[] { Frame(4, At(1, Vec3.Zero), At(1, new Vec3(1000, 0, 0))) };
        var e = Assert.Throws<ArgumentException>(() => SequenceFilter.Apply(frames, [new ButterworthFilter()], 30));
        Assert.Contains("frame 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ButterworthAddsNoLagWhileOneEuroDoes()
    {
        // A 1 Hz sway plus noise; the cross-correlation of filter output and clean signal must peak at lag 0.
        const double fps = 30;
        var random = new Random(11);
        var clean = Enumerable.Range(0, 300).Select(t => 200 * Math.Sin(2 * Math.PI * 1.0 * t / fps)).ToArray();
        var noisy = clean.Select(v => v + Gaussian(random, 20)).ToArray();
        Assert.Equal(0, PeakLag(clean, Run(new ButterworthFilter { Order = 4, CutoffHz = 3 }, noisy, fps)));
        Assert.Equal(0, PeakLag(clean, Run(new KalmanSmoother(), noisy, fps)));

        // The causal one-euro filter lags behind: its peak is at a positive lag (the check can fail).
        Assert.True(PeakLag(clean, Run(new OneEuroFilter { MinCutoffHz = 0.5, Beta = 0 }, noisy, fps)) > 0);
    }

    [Fact]
    public void ButterworthLowersMpjpeOnANoisySyntheticSequence()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { People = 3, Frames = 150, Seed = 3 });
        var random = new Random(17);
        var noisy = scene.GroundTruth.Select(f => f with
        {
            People = [.. f.People.Select(p => p with { Joints = [.. p.Joints.Select(j => j + new Vec3(Gaussian(random, 20), Gaussian(random, 20), Gaussian(random, 20)))] })],
        }).ToList();
        var filtered = SequenceFilter.Apply(noisy, [new ButterworthFilter { Order = 4, CutoffHz = 6 }], scene.Options.Fps);
        var before = Mpjpe(noisy, scene.GroundTruth);
        var after = Mpjpe(filtered, scene.GroundTruth);

        // Noise of 20 mm per axis is ~32 mm per joint; a 6 Hz low-pass at 30 fps keeps ~40% of the noise band.
        Assert.InRange(before, 28, 36);
        Assert.True(after < 0.75 * before, $"MPJPE {before:F2} mm -> {after:F2} mm");
    }

    private static double[] Run(IJointFilter filter, double[] x, double fps)
    {
        double[][] axes = [(double[])x.Clone(), (double[])x.Clone(), (double[])x.Clone()];
        filter.Apply(axes, [.. x.Select(_ => true)], new JointEdits[x.Length], fps);
        return axes[0];
    }

    private static int PeakLag(double[] reference, double[] signal)
    {
        var best = int.MinValue;
        var bestValue = double.NegativeInfinity;
        for (var lag = -10; lag <= 10; lag++)
        {
            double s = 0;
            for (var t = 20; t < reference.Length - 20; t++)
            {
                s += reference[t] * signal[t + lag];
            }

            if (s > bestValue)
            {
                bestValue = s;
                best = lag;
            }
        }

        return best;
    }

    private static double Mpjpe(IReadOnlyList<Frame3D> a, IReadOnlyList<Frame3D> truth)
    {
        double sum = 0;
        var n = 0;
        for (var f = 0; f < truth.Count; f++)
        {
            foreach (var gt in truth[f].People)
            {
                var p = a[f].People.Single(x => x.Id == gt.Id);
                for (var j = 0; j < gt.Joints.Length; j++)
                {
                    if (gt.Has(j))
                    {
                        sum += Vec3.Distance(p.Joints[j], gt.Joints[j]);
                        n++;
                    }
                }
            }
        }

        return sum / n;
    }

    private static double Gaussian(Random random, double sigma) =>
        sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
