using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Evidence;
using static Polypose.Learning.Tests.Evidence.HeatmapRendererTests;

namespace Polypose.Learning.Tests.Evidence;

public sealed class RootCandidateExtractorTests
{
    private static readonly ViewAffine View = new EvidenceGrid { InputWidth = 400, InputHeight = 200 }.For(400, 200);

    [Fact]
    public void KeepsNmsPeaksAboveThresholdBestFirstAndEmptiesTheRest()
    {
        var p = KnownSkeletons.Panoptic15;
        var people = new[]
        {
            Person(p, ("mid_hip", 40, 40, 0.5)),
            Person(p, ("mid_hip", 200, 100, 0.9)),
            Person(p, ("mid_hip", 48, 40, 0.45)), // 2 heatmap px from the 0.5 peak: suppressed by the 5×5 NMS
            Person(p, ("mid_hip", 320, 160, 0.15)), // below the 0.2 threshold
        };
        var ev = new HeatmapRenderer().Render(View, people);
        var slots = new RootCandidateExtractor().Extract(ev);
        Assert.Equal(10, slots.Length);
        Assert.Equal((50, 25), (slots[0].HeatmapX, slots[0].HeatmapY));
        Assert.Equal(0.9, slots[0].Score, 6);
        Assert.Equal(new Vec2(200, 100), slots[0].Image);
        Assert.Equal((10, 10), (slots[1].HeatmapX, slots[1].HeatmapY));
        Assert.Equal(0.5, slots[1].Score, 6);
        Assert.All(slots[2..], s => Assert.False(s.IsNode));
        Assert.All(slots[2..], s => Assert.Equal(default, s));
    }

    [Fact]
    public void PeaksFartherThanTwoPixelsApartBothSurvive()
    {
        var p = KnownSkeletons.Panoptic15;
        var ev = new HeatmapRenderer().Render(View, [Person(p, ("mid_hip", 40, 40, 0.6)), Person(p, ("mid_hip", 56, 40, 0.7))]);
        var slots = new RootCandidateExtractor { Slots = 3 }.Extract(ev);
        Assert.Equal([14, 10, 0], slots.Select(s => s.HeatmapX));
        Assert.Equal([0.7, 0.6, 0.0], slots.Select(s => Math.Round(s.Score, 6)));
    }
}
