namespace Polypose.Formats.Calibration;

/// <summary>Writes a <see cref="CameraRig"/> in one of the supported formats (atomically; see <see cref="AtomicFile"/>).</summary>
public static class CalibrationWriter
{
    /// <summary>
    /// Writes <paramref name="rig"/> to <paramref name="path"/> (for <see cref="CalibrationFormat.EasyMocap"/>, a folder
    /// that receives intri.yml and extri.yml). Throws <see cref="NotSupportedException"/> for the read-only Panoptic format.
    /// VoxelPose files store no image size and no skew; the other formats keep every camera parameter.
    /// </summary>
    public static void Write(CameraRig rig, string path, CalibrationFormat format)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentException.ThrowIfNullOrEmpty(path);
        switch (format)
        {
            case CalibrationFormat.Polypose:
                PolyposeCalibration.Write(rig, path);
                break;
            case CalibrationFormat.FourDAssociation:
                FourDAssociationCalibration.Write(rig, path);
                break;
            case CalibrationFormat.VoxelPose:
                VoxelPoseCalibration.Write(rig, path);
                break;
            case CalibrationFormat.EasyMocap:
                EasyMocapCalibration.Write(rig, path);
                break;
            case CalibrationFormat.Toml:
                TomlCalibration.Write(rig, path);
                break;
            case CalibrationFormat.Panoptic:
                throw new NotSupportedException("the CMU Panoptic calibration format is read only; write Polypose canonical JSON instead");
            case CalibrationFormat.Qualisys:
                throw new NotSupportedException("the Qualisys QTM calibration format is read only; write Polypose canonical JSON instead");
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown calibration format");
        }
    }
}
