using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;

namespace Polypose.Synthesis.Output;

/// <summary>
/// Writes a <see cref="SyntheticScene"/> in the formats Polypose reads, so the CLI runs on it exactly as on real data:
/// <code>
/// OUT/calibration.json                            Polypose canonical calibration
/// OUT/calibration.toml                            Pose2Sim/AniPose TOML (foreign format)
/// OUT/calibration_4da.json                        4D Association JSON (foreign format)
/// OUT/detections/CAM/CAM_000000_keypoints.json    OpenPose BODY25, one file per camera and frame
/// OUT/detections_coco/CAM.json                    COCO-17 keypoint results, one file per camera (image_id = frame)
/// OUT/gt.json                                     ground truth, Polypose 3D JSON, BODY25, mm
/// OUT/gt_panoptic15.json                          ground truth, Polypose 3D JSON, Panoptic-15, mm
/// OUT/detection_identities.json                   true person id of every detection, −1 = distractor (evaluation only)
/// </code>
/// Every file is written atomically; output is byte-identical for identical scenes.
/// </summary>
public static class SceneWriter
{
    /// <summary>Name of the OpenPose detections folder.</summary>
    public const string OpenPoseFolderName = "detections";

    /// <summary>Name of the COCO detections folder.</summary>
    public const string CocoFolderName = "detections_coco";

    /// <summary>The OpenPose file name of camera <paramref name="camera"/> at frame <paramref name="frame"/>.</summary>
    public static string OpenPoseFileName(string camera, int frame) =>
        string.Create(CultureInfo.InvariantCulture, $"{camera}_{frame:D6}_keypoints.json");

    /// <summary>
    /// Writes every output under <paramref name="outDir"/> (created when missing) and returns their paths;
    /// <paramref name="progress"/> receives the fraction written (0–1) after each camera's detections and each ground truth.
    /// </summary>
    public static SceneFiles Write(SyntheticScene scene, string outDir, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        var files = new SceneFiles(
            Path.Combine(root, "calibration.json"),
            Path.Combine(root, "calibration.toml"),
            Path.Combine(root, "calibration_4da.json"),
            Path.Combine(root, OpenPoseFolderName),
            Path.Combine(root, CocoFolderName),
            Path.Combine(root, "gt.json"),
            Path.Combine(root, "gt_panoptic15.json"),
            Path.Combine(root, DetectionIdentities.FileName));

        var rig = new CameraRig(scene.Cameras);
        CalibrationWriter.Write(rig, files.Calibration, CalibrationFormat.Polypose);
        CalibrationWriter.Write(rig, files.CalibrationToml, CalibrationFormat.Toml);
        CalibrationWriter.Write(rig, files.CalibrationFourDa, CalibrationFormat.FourDAssociation);

        var names = scene.Cameras.Select(c => c.Name).ToArray();
        var toCoco = KnownSkeletons.Coco17.JointNames.Select(n => KnownSkeletons.Body25[n]).ToArray();
        Directory.CreateDirectory(files.CocoFolder);
        for (var v = 0; v < names.Length; v++)
        {
            var folder = Path.Combine(files.OpenPoseFolder, names[v]);
            Directory.CreateDirectory(folder);
            var coco = new List<CocoKeypointResult>();
            foreach (var frame in scene.Detections)
            {
                var people = frame.Views[v];
                OpenPoseJson.Write(Path.Combine(folder, OpenPoseFileName(names[v], frame.FrameIndex)), people);
                foreach (var p in people)
                {
                    var joints = toCoco.Select(j => p.Joints[j]).ToArray();
                    coco.Add(new CocoKeypointResult(frame.FrameIndex, new Person2D(KnownSkeletons.Coco17, joints), p.MeanScore));
                }
            }

            CocoKeypointResults.Write(Path.Combine(files.CocoFolder, names[v] + ".json"), coco);
            progress?.Report((v + 1) / (names.Length + 2.0));
        }

        Poses3DJson.Write(files.GroundTruth, KnownSkeletons.Body25, scene.GroundTruth, names, scene.Options.Fps);
        progress?.Report((names.Length + 1) / (names.Length + 2.0));
        Poses3DJson.Write(files.GroundTruthPanoptic, KnownSkeletons.Panoptic15, scene.GroundTruthAs(KnownSkeletons.Panoptic15), names, scene.Options.Fps);
        DetectionIdentities.Write(files.Identities, names, [.. scene.Detections.Select(f => f.FrameIndex)], scene.DetectionSources);
        progress?.Report(1);
        return files;
    }
}
