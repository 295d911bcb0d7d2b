using Polypose.Core.Poses;
using Polypose.Detection.Folders;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Geometry;
using Polypose.Reconstruction;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Detection.Tests;

/// <summary>
/// Issue 10's Panoptic demo target, images to 3D: the 5 views × 5 instants of ../shared/data/panoptic-demo through
/// <see cref="FolderDetector"/> (what <c>polypose detect --images</c> runs) and the reconstructor (what
/// <c>polypose reconstruct</c> runs) must give 3 people at every instant and a median reprojection error of the
/// triangulated joints against the 2D keypoints they were made from of at most 6 px at 1920x1080. The 6 px target
/// is not reached yet (MultiPose at 640 px measures 7.6 px, BENCHMARKS.md): this test pins what the default pipeline
/// does today — 3 people at every instant and at most 8 px — so a regression fails; tighten the bound to 6 px once a
/// configuration meets the target with all three people.
/// </summary>
public sealed class PanopticDemoTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-panoptic-demo-");

    public void Dispose() => dir.Delete(true);

    [ModelAndDataFact]
    public void ThreePeopleAtEveryInstantWithinEightPixelsMedianReprojection()
    {
        var set = ImageFolderSet.Open(SharedData.Path("panoptic-demo"));
        var network = new MoveNetMultiPose(TfjsModel.Load(InstalledModels.MultiPoseJson));
        var detections = Path.Combine(dir.FullName, "dets");
        FolderDetector.Run(set, network, detections, new InputSizeRule { LongSide = 640 }, null);

        var rig = CalibrationReader.Read(SharedData.Path("panoptic-demo", "camera_parameters.json")).Subset(set.Cameras);
        var source = DetectionSource.Open(detections, [.. rig.Select(c => (c.Name, c.Width, c.Height))]);
        var frames = source.Frames().Select(f => new MultiViewFrame(f.FrameIndex, f.People!)).ToList();
        var reconstructed = MultiViewReconstructor.ReconstructAll(rig, frames, 2);

        Assert.Equal(5, reconstructed.Count);
        var errors = new List<double>();
        for (var f = 0; f < frames.Count; f++)
        {
            Assert.True(reconstructed[f].People.Count == 3, $"frame {frames[f].FrameIndex}: {reconstructed[f].People.Count} people, expected 3");
            foreach (var person in reconstructed[f].People)
            {
                for (var v = 0; v < rig.Count; v++)
                {
                    var d = person.DetectionPerView[v];
                    if (d < 0)
                    {
                        continue;
                    }

                    var seen = frames[f].Views[v][d];
                    for (var j = 0; j < person.Joints.Length; j++)
                    {
                        var k = seen.Joints[j];
                        var p = rig[v].Project(person.Joints[j]);
                        if (person.Has(j) && k.Score >= 0.3 && p.InFront)
                        {
                            errors.Add((p.Pixel - new Vec2(k.X, k.Y)).Length);
                        }
                    }
                }
            }
        }

        errors.Sort();
        var median = errors[errors.Count / 2];
        output.WriteLine($"median reprojection {median:F2} px over {errors.Count} joints");
        Assert.True(errors.Count >= 500, $"only {errors.Count} joints compared");
        Assert.True(median <= 8.0, $"median reprojection error {median:F2} px over {errors.Count} joints (today's bound 8 px; issue target 6 px)");
    }
}
