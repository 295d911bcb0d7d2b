using Polypose.Core.Poses;
using Polypose.Tracking.Filters;
using Polypose.Tracking.Gaps;

namespace Polypose.Tracking.Tests;

public sealed class FilterReferenceTests
{
    private static (double[][] Axes, bool[] Present, JointEdits[] Edits) Trajectory(double[] x, bool[]? present = null) =>
        ([(double[])x.Clone(), (double[])x.Clone(), (double[])x.Clone()], present ?? [.. x.Select(_ => true)], new JointEdits[x.Length]);

    [Fact]
    public void ButterworthCoefficientsMatchScipyButter()
    {
        foreach (var c in FilterFixtures.Root.GetProperty("butterworth").EnumerateArray())
        {
            var (b, a) = ButterworthDesign.LowPass(c.GetProperty("order").GetInt32(), c.GetProperty("cutoff").GetDouble(), FilterFixtures.Fps);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("b")), b);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("a")), a);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("zi")), ZeroPhaseFilter.SteadyState(b, a));
        }
    }

    [Fact]
    public void ButterworthZeroPhaseMatchesScipyFiltfilt()
    {
        foreach (var c in FilterFixtures.Root.GetProperty("butterworth").EnumerateArray())
        {
            var (axes, present, edits) = Trajectory(FilterFixtures.Input);
            new ButterworthFilter { Order = c.GetProperty("order").GetInt32(), CutoffHz = c.GetProperty("cutoff").GetDouble() }.Apply(axes, present, edits, FilterFixtures.Fps);
            var expected = FilterFixtures.Array(c.GetProperty("output"));
            FilterFixtures.AssertClose(expected, axes[0]);
            FilterFixtures.AssertClose(expected, axes[2]);
        }
    }

    [Fact]
    public void KalmanRtsMatchesNumpyReference()
    {
        foreach (var c in FilterFixtures.Root.GetProperty("kalman").EnumerateArray())
        {
            var (axes, present, edits) = Trajectory(FilterFixtures.Input);
            new KalmanSmoother { JerkDensity = c.GetProperty("q").GetDouble(), MeasurementStdMm = c.GetProperty("r").GetDouble() }.Apply(axes, present, edits, FilterFixtures.Fps);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("output")), axes[1]);
        }
    }

    [Fact]
    public void HampelMatchesNumpyReferenceAndFlagsExactlyTheRejectedSamples()
    {
        foreach (var c in FilterFixtures.Root.GetProperty("hampel").EnumerateArray())
        {
            var (axes, present, edits) = Trajectory(FilterFixtures.Array(c.GetProperty("input")));
            new HampelFilter { HalfWidth = c.GetProperty("halfwidth").GetInt32(), Sigmas = c.GetProperty("sigmas").GetDouble() }.Apply(axes, present, edits, FilterFixtures.Fps);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("output")), axes[0]);
            var rejected = c.GetProperty("rejected").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            Assert.NotEmpty(rejected);
            Assert.Equal(rejected, Enumerable.Range(0, edits.Length).Where(t => edits[t] == JointEdits.Rejected));
        }
    }

    [Theory]
    [InlineData("cubic", GapFillMethod.Cubic)]
    [InlineData("linear", GapFillMethod.Linear)]
    public void GapFillingMatchesScipyAndMarksFilledSamples(string key, GapFillMethod method)
    {
        var c = FilterFixtures.Root.GetProperty(key);
        var mask = c.GetProperty("present").EnumerateArray().Select(x => x.GetInt32() == 1).ToArray();
        var input = FilterFixtures.Input.Select((v, i) => mask[i] ? v : 1e6).ToArray();
        var (axes, present, edits) = Trajectory(input, (bool[])mask.Clone());
        new GapFiller { Method = method, MaxGapFrames = 10 }.Apply(axes, present, edits, FilterFixtures.Fps);
        FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("output")), axes[0]);
        Assert.All(present, Assert.True);
        for (var t = 0; t < mask.Length; t++)
        {
            Assert.Equal(mask[t] ? JointEdits.None : JointEdits.Filled, edits[t]);
        }
    }

    [Fact]
    public void GapsLongerThanTheMaximumStayMissing()
    {
        var c = FilterFixtures.Root.GetProperty("cubic");
        var mask = c.GetProperty("present").EnumerateArray().Select(x => x.GetInt32() == 1).ToArray();
        var (axes, present, edits) = Trajectory(FilterFixtures.Input, (bool[])mask.Clone());
        new GapFiller { Method = GapFillMethod.Cubic, MaxGapFrames = 8 }.Apply(axes, present, edits, FilterFixtures.Fps);

        // The fixture's gaps are 3, 1, 10 and 8 samples long: the 10-sample gap (70-79) is left alone.
        Assert.All(Enumerable.Range(70, 10), t => Assert.False(present[t]));
        Assert.All(Enumerable.Range(70, 10), t => Assert.Equal(JointEdits.None, edits[t]));
        Assert.All(Enumerable.Range(150, 8), t => Assert.True(present[t]));
    }

    [Fact]
    public void OneEuroMatchesNumpyReference()
    {
        foreach (var c in FilterFixtures.Root.GetProperty("oneeuro").EnumerateArray())
        {
            var (axes, present, edits) = Trajectory(FilterFixtures.Input);
            new OneEuroFilter
            {
                MinCutoffHz = c.GetProperty("mincutoff").GetDouble(),
                Beta = c.GetProperty("beta").GetDouble(),
                DerivativeCutoffHz = c.GetProperty("dcutoff").GetDouble(),
            }.Apply(axes, present, edits, FilterFixtures.Fps);
            FilterFixtures.AssertClose(FilterFixtures.Array(c.GetProperty("output")), axes[0]);
        }
    }
}
