namespace Polypose.Formats.Calibration;

/// <summary>The calibration file formats Polypose reads (and, except Panoptic, writes).</summary>
public enum CalibrationFormat
{
    /// <summary>Polypose canonical JSON (docs/calibration-format.md): millimetres, world z-up, world-to-camera.</summary>
    Polypose,

    /// <summary>4D Association JSON: object keyed by camera name; K, RT or R+T in metres, imgSize, distCoeff.</summary>
    FourDAssociation,

    /// <summary>VoxelPose Shelf/Campus JSON: keys "0".. with R, T = camera centre (mm), fx, fy, cx, cy, k, p.</summary>
    VoxelPose,

    /// <summary>CMU Panoptic calibration_&lt;seq&gt;.json: cameras[] in centimetres, world y-down (read only).</summary>
    Panoptic,

    /// <summary>EasyMocap OpenCV FileStorage YAML pair intri.yml + extri.yml, metres.</summary>
    EasyMocap,

    /// <summary>Pose2Sim / AniPose / Caliscope TOML: one table per camera, Rodrigues rotation, metres.</summary>
    Toml,

    /// <summary>Qualisys QTM .qca.txt XML export: camera positions in millimetres, world z-up, 1/64-pixel intrinsics (read only).</summary>
    Qualisys,
}
