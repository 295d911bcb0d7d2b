using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Evaluation.Metrics;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

/// <summary>The whole pipeline on the real Shelf test set (301 frames, 5 views, OpenPose BODY25 with PAFs).</summary>
public sealed class ShelfTests
{
    private static readonly Lazy<(IReadOnlyList<Camera> Cameras, IReadOnlyList<IReadOnlyList<PafFrame>> Views, IReadOnlyList<Frame3D> Gt)> Data = new(Load);

    private static (IReadOnlyList<Camera>, IReadOnlyList<IReadOnlyList<PafFrame>>, IReadOnlyList<Frame3D>) Load()
    {
        var cameras = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json")).ToList();
        var views = cameras.Select((c, v) => FourDAssociationDetectionFile.ReadAll(SharedData.Path("shelf", "detection", $"{v}.txt"), c.Width, c.Height)).ToList();
        var gt = FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"));
        return (cameras, views, gt);
    }

    private static IReadOnlyList<PafFrame> FrameViews(int frame) => [.. Data.Value.Views.Select(v => v[frame])];

    [SharedDataFact]
    public void Reconstruct_ShelfTestSet_ReachesVoxelPosePcpTarget()
    {
        var (cameras, _, gt) = Data.Value;
        var frames = Enumerable.Range(0, gt.Count).Select(FrameViews).ToList();
        var predictions = MultiViewReconstructor.ReconstructAll(cameras, frames, degreeOfParallelism: 2);
        var metric = new PcpMetric(PcpOptions.VoxelPose());
        for (var f = 0; f < gt.Count; f++)
        {
            Assert.Equal(f, predictions[f].FrameIndex);
            Assert.All(predictions[f].People, p => Assert.All(p.Joints, j => Assert.True(j.IsFinite)));
            metric.Add(predictions[f], gt[f]);
        }

        var report = metric.Compute();
        var summary = string.Join(", ", report.Actors.Select(a => $"actor {a.ActorId}: {100 * a.Pcp:F2}")) + $", average {100 * report.Average:F2}";

        // Measured with the defaults: 99.68 / 93.24 / 98.01, average 96.98 (target ≥ 96.5); margin 0.2.
        Assert.True(report.Average >= 0.9678, summary);
        Assert.True(report.Actors.Single(a => a.ActorId == 0).Pcp >= 0.99, summary);
    }

    [SharedDataFact]
    public void Reconstruct_ShelfWithRayDistancePrefilter_MatchesReprojectionPrefilter()
    {
        // The ray-to-ray pre-filter (mm) is the alternative two-view check; at 120 mm it reaches the same PCP
        // (96.98 measured; 100 mm: 96.89, 60 mm: 96.85).
        var (cameras, _, gt) = Data.Value;
        var options = new ReconstructionOptions
        {
            Association = new AssociationOptions { PairwiseMetric = PairwiseMetric.RayDistance, PairwiseMaxRayDistance = 120 },
        };
        var reconstructor = new MultiViewReconstructor(options);
        var metric = new PcpMetric(PcpOptions.VoxelPose());
        for (var f = 0; f < gt.Count; f++)
        {
            metric.Add(new Frame3D(f, reconstructor.Reconstruct(cameras, FrameViews(f))), gt[f]);
        }

        var report = metric.Compute();
        Assert.True(report.Average >= 0.9678, $"average {100 * report.Average:F2}");
    }

    [SharedDataFact]
    public void Reconstruct_ShelfPafFrame_CompletionOnlyAddsJoints()
    {
        var (cameras, _, gt) = Data.Value;
        var plain = new MultiViewReconstructor(new ReconstructionOptions { CompleteFromCandidates = false });
        var completing = new MultiViewReconstructor();
        var added = 0;
        for (var f = 0; f < gt.Count; f += 3)
        {
            var a = plain.Reconstruct(cameras, FrameViews(f));
            var b = completing.Reconstruct(cameras, FrameViews(f));
            Assert.Equal(a.Count, b.Count);
            for (var p = 0; p < a.Count; p++)
            {
                Assert.Equal(a[p].DetectionPerView, b[p].DetectionPerView);
                for (var j = 0; j < a[p].Joints.Length; j++)
                {
                    if (a[p].Has(j))
                    {
                        Assert.Equal(a[p].Joints[j], b[p].Joints[j]);
                    }
                    else if (b[p].Has(j))
                    {
                        added++;
                    }
                }
            }
        }

        Assert.True(added > 0, "completion never added a joint on Shelf");
    }
}
