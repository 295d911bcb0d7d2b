using Polypose.Core.Poses;
using Polypose.Formats.Input;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// Reads 3D poses (predictions and ground truth alike, millimetres, world z-up) from any layout Polypose knows, the
/// layout chosen by content, not by extension (as <see cref="Calibration.CalibrationReader"/> does for calibrations).
/// </summary>
public static class Poses3DReader
{
    /// <summary>
    /// A folder of CMU Panoptic body3DScene_*.json files, a Polypose 3D JSON file, or a 4D Association pose text file
    /// (Shelf gt.txt; <paramref name="firstFrameIndex"/> numbers its frames). Throws <see cref="FileNotFoundException"/>
    /// when the path is neither a file nor a folder, <see cref="PolyposeFormatException"/> for bad content.
    /// </summary>
    public static IReadOnlyList<Frame3D> Read(string path, int firstFrameIndex = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return PanopticGroundTruth.ReadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }

        return InputFile.FirstNonSpace(path) == '{' ? Poses3DJson.Read(path).Frames : FourDAssociationPoseText.Read(path, firstFrameIndex);
    }
}
