using Polypose.Formats;

namespace Polypose.Detection.Sources;

/// <summary>Checks that the cameras of a frame source are exactly the cameras of a calibration, matched by name.</summary>
public static class CameraMatching
{
    /// <summary>
    /// For each calibration camera, in calibration order, the index of the source camera with its name. Throws when a
    /// calibration camera has no footage or a footage camera is not in the calibration.
    /// </summary>
    /// <param name="calibrationCameras">Camera names of the calibration, in its order.</param>
    /// <param name="calibrationPath">The calibration (named in the error).</param>
    /// <param name="sourceCameras">Camera names of the videos or image folders.</param>
    /// <param name="sourcePath">The videos or image folder (named in the error).</param>
    /// <exception cref="PolyposeFormatException">The two sets of names differ (the message names the first mismatch).</exception>
    public static int[] Match(IReadOnlyList<string> calibrationCameras, string calibrationPath, IReadOnlyList<string> sourceCameras, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(calibrationCameras);
        ArgumentNullException.ThrowIfNull(sourceCameras);
        foreach (var name in sourceCameras)
        {
            if (!calibrationCameras.Contains(name, StringComparer.Ordinal))
            {
                throw new PolyposeFormatException(sourcePath, $"camera '{name}' is not in the calibration {calibrationPath} (its cameras: {string.Join(", ", calibrationCameras)})");
            }
        }

        var order = new int[calibrationCameras.Count];
        for (var i = 0; i < calibrationCameras.Count; i++)
        {
            order[i] = IndexOf(sourceCameras, calibrationCameras[i]);
            if (order[i] < 0)
            {
                throw new PolyposeFormatException(calibrationPath, $"camera '{calibrationCameras[i]}' has no footage in {sourcePath} (found: {string.Join(", ", sourceCameras)})");
            }
        }

        return order;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
