using Polypose.Core.Skeletons;
using Polypose.Evaluation.Metrics;
using Polypose.Geometry;
using static Polypose.Evaluation.Tests.TestPoses;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class RootApMetricTests
{
    [Fact]
    public void Compute_Coco17RootsThirtyMillimetresOff_MissAp25HitAp50()
    {
        // COCO-17 has no mid_hip: its root is the mean of the hips, compared with the GT's joint 14 (mid_hip).
        var gt = Shelf15(0);
        var pred = As(KnownSkeletons.Coco17, Shifted(gt, new Vec3(0, 30, 0)));
        var metric = new RootApMetric();
        metric.Add(Frame(0, pred), Frame(0, gt));
        var r = metric.Compute();
        Assert.Equal(0.0, r.Ap[0].Ap, 9);
        Assert.All(r.Ap.Skip(1), a => Assert.Equal(1.0, a.Ap, 4));
        Assert.Equal(30, r.Mde!.Value, 9);
        Assert.Equal(1.0, r.Recall500, 4);
    }

    [Fact]
    public void Add_GtWithoutRoot_NotCounted()
    {
        var gt = Shelf15(0);
        var conf = (double[])gt.Confidence.Clone();
        conf[14] = 0;
        conf[2] = 0;
        var metric = new RootApMetric();
        metric.Add(Frame(0, gt), Frame(0, gt with { Confidence = conf }));
        Assert.Equal(0, metric.Compute().GtCount);
    }
}
