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
/// triangulated joints against the 2D keypoints they were made from of at most 6 px at 1920x1080. MultiPose at 640 px
/// with the teacher's triangulation measures 7.5 px (bound 8 px here); with the robust per-joint refinement
/// (<see cref="ReconstructionOptions.RobustRefineScalePx"/> = 7, <c>reconstruct --robust-px 7</c>) the target is met.
/// </summary>
public sealed class PanopticDemoTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-panoptic-demo-");

    public void Dispose() => dir.Delete(true);

    [ModelAndDataFact]
    public void ThreePeopleAtEveryInstantWithinSixPixelsMedianReprojectionWithRobustTriangulation()
    {
        var set = ImageFolderSet.Open(SharedData.Path("panoptic-demo"));
        var network = new MoveNetMultiPose(TfjsModel.Load(InstalledModels.MultiPoseJson));
        var detections = Path.Combine(dir.FullName, "dets");
        FolderDetector.Run(set, network, detections, new InputSizeRule { LongSide = 640 }, null);

        var rig = CalibrationReader.Read(SharedData.Path("panoptic-demo", "camera_parameters.json")).Subset(set.Cameras);
        var source = DetectionSource.Open(detections, [.. rig.Select(c => (c.Name, c.Width, c.Height))]);
        var frames = source.Frames().Select(f => new MultiViewFrame(f.FrameIndex, f.People!)).ToList();

        // The teacher's triangulation (what `reconstruct` does by default): 3 people, 7.5 px measured, bound 8 px.
        var plain = MedianReprojection(rig, frames, MultiViewReconstructor.ReconstructAll(rig, frames, 2));
        Assert.True(plain <= 8.0, $"default triangulation: median reprojection error {plain:F2} px (bound 8 px)");

        // Robust refinement of each joint over its views (`reconstruct --robust-px 7`): the 6 px target, all 3 people.
        var robust = MedianReprojection(rig, frames, MultiViewReconstructor.ReconstructAll(rig, frames, 2, new ReconstructionOptions { RobustRefineScalePx = 7 }));
        Assert.True(robust <= 6.0, $"robust triangulation: median reprojection error {robust:F2} px (issue target 6 px)");
    }

    /// <summary>Median px error of every reconstructed joint against the 2D keypoint (score ≥ 0.3) of the detection it was made from; asserts 3 people per instant.</summary>
    private double MedianReprojection(CameraRig rig, List<MultiViewFrame> frames, IReadOnlyList<Frame3D> reconstructed)
    {
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
        return median;
    }
}
