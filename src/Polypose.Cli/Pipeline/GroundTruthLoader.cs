using Polypose.Core.Poses;
using Polypose.Formats.GroundTruth;

namespace Polypose.Cli.Pipeline;

/// <summary>Reads 3D ground truth or predictions from any layout Polypose knows, chosen by content.</summary>
public static class GroundTruthLoader
{
    /// <summary>
    /// A folder of CMU Panoptic body3DScene_*.json files, a Polypose 3D JSON file, or a 4D Association pose text file
    /// (Shelf gt.txt; <paramref name="firstFrameIndex"/> numbers its frames).
    /// </summary>
    public static IReadOnlyList<Frame3D> Load(string path, int firstFrameIndex = 0)
    {
        if (Directory.Exists(path))
        {
            return PanopticGroundTruth.ReadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file or folder");
        }

        return FirstNonSpaceChar(path) == '{' ? Poses3DJson.Read(path).Frames : FourDaPoseText.Read(path, firstFrameIndex);
    }

    private static int FirstNonSpaceChar(string path)
    {
        using var reader = new StreamReader(path);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c))
        {
        }

        return c;
    }
}
