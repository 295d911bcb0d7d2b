using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Evidence;

public sealed class HeatmapRendererTests
{
    // A 400×200 image into a 400×200 input with stride 4: image pixel (x, y) is heatmap pixel (x/4, y/4).
    private static readonly ViewAffine View = new EvidenceGrid { InputWidth = 400, InputHeight = 200 }.For(400, 200);

    [Fact]
    public void GaussianPeakIsTheScoreAndFallsWithSigmaTwo()
    {
        var person = Person(KnownSkeletons.Panoptic15, ("neck", 40, 20, 0.8));
        var ev = new HeatmapRenderer().Render(View, [person]);
        Assert.Equal(0.8f, At(ev.Heatmaps, 0, 10, 5), 6);
        Assert.Equal((float)(0.8 * Math.Exp(-1.0 / 8)), At(ev.Heatmaps, 0, 11, 5), 6);
        Assert.Equal((float)(0.8 * Math.Exp(-5.0 / 8)), At(ev.Heatmaps, 0, 12, 6), 6);
        Assert.Equal(0f, At(ev.Heatmaps, 0, 17, 5)); // beyond 3σ
        Assert.Equal(0f, At(ev.Heatmaps, 1, 10, 5)); // other channel untouched
    }

    [Fact]
    public void OverlappingCandidatesTakeTheMaximumNotTheSum()
    {
        var a = Person(KnownSkeletons.Panoptic15, ("nose", 40, 20, 0.5));
        var b = Person(KnownSkeletons.Panoptic15, ("nose", 44, 20, 0.9));
        var ev = new HeatmapRenderer().Render(View, [a, b]);
        // At a's peak: max(0.5, 0.9·exp(−1/8) = 0.7942), not the sum 1.2942.
        Assert.Equal((float)(0.9 * Math.Exp(-1.0 / 8)), At(ev.Heatmaps, 1, 10, 5), 6);
        Assert.Equal(0.9f, At(ev.Heatmaps, 1, 11, 5), 6);

        // Left of a: max(0.5·exp(−1/8) = 0.4412, 0.9·exp(−4/8) = 0.5459).
        Assert.Equal((float)(0.9 * Math.Exp(-0.5)), At(ev.Heatmaps, 1, 9, 5), 6);
    }

    [Fact]
    public void Coco17PersonIsMappedByNameAndItsRootIsTheMeanOfTheHips()
    {
        var person = Person(KnownSkeletons.Coco17, ("left_hip", 40, 40, 0.7), ("right_hip", 56, 40, 0.6), ("nose", 48, 8, 0.9));
        var ev = new HeatmapRenderer().Render(View, [person]);
        Assert.Equal(0.6f, At(ev.Heatmaps, ViewEvidence.RootChannel, 12, 10), 6);
        Assert.Equal(0.7f, At(ev.Heatmaps, KnownSkeletons.Panoptic15["left_hip"], 10, 10), 6);
        Assert.Equal(0.9f, At(ev.Heatmaps, KnownSkeletons.Panoptic15["nose"], 12, 2), 6);
    }

    [Fact]
    public void RootFallsBackToTheOneDetectedHipWhenMidHipIsUndetected()
    {
        var person = Person(KnownSkeletons.Body25, ("right_hip", 80, 40, 0.4));
        var ev = new HeatmapRenderer().Render(View, [person]);
        Assert.Equal(0.4f, At(ev.Heatmaps, ViewEvidence.RootChannel, 20, 10), 6);
    }

    [Fact]
    public void PafFrameRendersEveryCandidateAndALimbVectorScaledByAffinity()
    {
        var skel = KnownSkeletons.Skel19;
        var candidates = Enumerable.Range(0, skel.JointCount).Select(_ => Array.Empty<Keypoint2D>()).ToArray();
        candidates[skel["mid_hip"]] = [new Keypoint2D(40, 40, 0.9), new Keypoint2D(200, 40, 0.3)];
        candidates[skel["neck"]] = [new Keypoint2D(80, 40, 0.8)];
        var affinity = new double[2, 1];
        affinity[0, 0] = 0.75;
        var frame = new PafFrame(skel, candidates, [(skel["mid_hip"], skel["neck"])], [affinity]);
        var ev = new HeatmapRenderer().Render(View, frame);
        Assert.Equal(0.9f, At(ev.Heatmaps, ViewEvidence.RootChannel, 10, 10), 6);
        Assert.Equal(0.3f, At(ev.Heatmaps, ViewEvidence.RootChannel, 50, 10), 6);
        Assert.Equal(0.8f, At(ev.Heatmaps, 0, 20, 10), 6);
        Assert.NotNull(ev.Pafs);
        Assert.Equal([2, 50, 100], ev.Pafs!.Shape);
        Assert.Equal(0.75f, At(ev.Pafs, 0, 15, 10), 6); // x component along +x
        Assert.Equal(0f, At(ev.Pafs, 1, 15, 10), 6);
        Assert.Equal(0.75f, At(ev.Pafs, 0, 15, 12), 6); // within σ = 2 of the segment
        Assert.Equal(0f, At(ev.Pafs, 0, 15, 13)); // beyond σ
        Assert.Equal(0f, At(ev.Pafs, 0, 25, 10)); // past the end
    }

    [Fact]
    public void ExternalHeatmapsOfTheWrongShapeOrWithNaNAreRejected()
    {
        var bad = Assert.Throws<ArgumentException>(() => ViewEvidence.FromHeatmaps(View, Tensor.Zeros(15, 50, 99)));
        Assert.Contains("[15, 50, 100]", bad.Message, StringComparison.Ordinal);
        var data = new float[15 * 50 * 100];
        data[123] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => ViewEvidence.FromHeatmaps(View, Tensor.FromArray(data, 15, 50, 100)));
        Assert.Contains("index 123", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameRenderEqualsViewByViewRenderAndIsTheEncoderInputWithoutACopy()
    {
        var p = KnownSkeletons.Panoptic15;
        IReadOnlyList<Person2D>[] views =
        [
            [Person(p, ("mid_hip", 40, 40, 0.5), ("neck", 44, 8, 0.9)), Person(KnownSkeletons.Coco17, ("left_hip", 200, 100, 0.7), ("right_hip", 210, 104, 0.6))],
            [],
            [Person(KnownSkeletons.Body25, ("right_hip", 80, 40, 0.4))],
        ];
        var renderer = new HeatmapRenderer();
        var frame = renderer.Render([View, View, View], views);
        var stacked = EvidenceEncoder.Stack(frame);
        Assert.Equal([3, ViewEvidence.JointCount, 50, 100], stacked.Shape);
        Assert.Same(stacked, EvidenceEncoder.Stack(frame));
        for (var v = 0; v < views.Length; v++)
        {
            var alone = renderer.Render(View, views[v]).Heatmaps.ToArray();
            Assert.Equal(alone, frame[v].Heatmaps.ToArray());
            Assert.Equal(alone, stacked.Select(0, v).ToArray());
        }

        // Views of other heatmap sizes are rendered one by one (and stacked by copy when the sizes agree).
        var small = new EvidenceGrid { InputWidth = 200, InputHeight = 100 }.For(400, 200);
        var mixed = renderer.Render([View, small], [views[0], views[2]]);
        Assert.Equal([50, 100], mixed[0].Heatmaps.Shape[1..]);
        Assert.Equal([25, 50], mixed[1].Heatmaps.Shape[1..]);
    }

    internal static Person2D Person(Skeleton skeleton, params (string Joint, double X, double Y, double Score)[] joints)
    {
        var k = new Keypoint2D[skeleton.JointCount];
        foreach (var (joint, x, y, s) in joints)
        {
            k[skeleton[joint]] = new Keypoint2D(x, y, s);
        }

        return new Person2D(skeleton, k);
    }

    internal static float At(Tensor maps, int c, int x, int y) => maps.Select(0, c).Select(0, y).Select(0, x).Item();
}
