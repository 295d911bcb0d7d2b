namespace Polypose.Synthesis.Output;

/// <summary>The paths <see cref="SceneWriter.Write"/> produced (absolute).</summary>
/// <param name="Calibration">Polypose canonical calibration JSON (mm, world z-up, world-to-camera).</param>
/// <param name="CalibrationToml">The same rig as Pose2Sim/AniPose TOML (metres).</param>
/// <param name="CalibrationFourDa">The same rig as 4D Association JSON (metres).</param>
/// <param name="OpenPoseFolder">Folder with one sub-folder per camera of per-frame OpenPose BODY25 JSON.</param>
/// <param name="CocoFolder">Folder with one COCO-17 keypoint result JSON per camera (<c>&lt;cam&gt;.json</c>).</param>
/// <param name="GroundTruth">Ground truth, Polypose 3D JSON, BODY25, mm.</param>
/// <param name="GroundTruthPanoptic">Ground truth, Polypose 3D JSON, Panoptic-15, mm.</param>
/// <param name="Identities">
/// The true person id of every detection (<see cref="Polypose.Formats.Detections.DetectionIdentities"/>, −1 = distractor),
/// for evaluation only.
/// </param>
public sealed record SceneFiles(
    string Calibration,
    string CalibrationToml,
    string CalibrationFourDa,
    string OpenPoseFolder,
    string CocoFolder,
    string GroundTruth,
    string GroundTruthPanoptic,
    string Identities);
