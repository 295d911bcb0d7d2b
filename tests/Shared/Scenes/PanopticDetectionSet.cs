using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;

namespace Polypose.Testing;

/// <summary>
/// A detection set made from real CMU Panoptic ground truth (../shared/data/panoptic-sample, 160906_band1, 20 frames,
/// 3 people): the Panoptic-15 joints projected exactly (with each camera's distortion) into a few HD cameras and
/// written as BODY25 OpenPose JSON, one folder per camera named as in the calibration (the eyes, ears and feet, which
/// Panoptic-15 lacks, are missing).
/// </summary>
internal static class PanopticDetectionSet
{
    /// <summary>DisPOSE's standard CMU0 rig.</summary>
    public static readonly string[] Cmu0 = ["00_03", "00_06", "00_12", "00_13", "00_23"];

    /// <summary>BODY25 joint b is Panoptic-15 joint FromPanoptic[b] (−1: none).</summary>
    public static readonly int[] FromPanoptic = [1, 0, 9, 10, 11, 3, 4, 5, 2, 12, 13, 14, 6, 7, 8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];

    /// <summary>The sample's calibration (520 cameras: 31 HD, VGA and Kinect).</summary>
    public static string CalibrationPath => SharedData.Path("panoptic-sample", "calibration_160906_band1.json");

    /// <summary>The ground truth frames, z-up millimetres.</summary>
    public static IReadOnlyList<Frame3D> GroundTruth() =>
        PanopticGroundTruth.ReadFolder(SharedData.Path("panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19"));

    /// <summary>Writes the detection folders for <paramref name="cameras"/> (default CMU0) under a new folder and returns it.</summary>
    public static string Write(IReadOnlyList<string>? cameras = null)
    {
        var rig = CalibrationReader.Read(CalibrationPath);
        var root = RepoPaths.NewTempDir();
        foreach (var name in cameras ?? Cmu0)
        {
            var cam = rig[name];
            foreach (var frame in GroundTruth())
            {
                var people = new List<Person2D>();
                foreach (var person in frame.People)
                {
                    var joints = new Keypoint2D[25];
                    for (var b = 0; b < 25; b++)
                    {
                        var p = FromPanoptic[b];
                        if (p >= 0 && person.Has(p) && cam.Project(person.Joints[p]) is { InFront: true, InImage: true } proj)
                        {
                            joints[b] = new Keypoint2D(proj.Pixel.X, proj.Pixel.Y, 0.9);
                        }
                    }

                    people.Add(new Person2D(KnownSkeletons.Body25, joints));
                }

                OpenPoseJson.Write(Path.Combine(root, name, $"{name}_{frame.FrameIndex:D8}_keypoints.json"), people);
            }
        }

        return root;
    }
}
