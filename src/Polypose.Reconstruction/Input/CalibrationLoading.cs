using Polypose.Formats;
using Polypose.Formats.Calibration;

namespace Polypose.Reconstruction.Input;

/// <summary>
/// Reads a calibration as the commands use it: a camera without an image size in the file takes the user's
/// <see cref="ImageSizeSpec"/> (per camera, then for all), else 2·cx × 2·cy from its principal point with one warning
/// naming the assumption and the cameras (<see cref="ImageSizeWarning"/>). Image sizes serve in-image checks and
/// drawing only, except for normalised 4D Association detections (see docs/input-ranges.md, "Image size").
/// </summary>
public static class CalibrationLoading
{
    /// <summary>
    /// Reads the calibration at <paramref name="path"/>; throws <see cref="PolyposeFormatException"/> for bad content and
    /// when <paramref name="imageSizes"/> names a camera the calibration does not have.
    /// </summary>
    public static CameraRig Read(string path, ImageSizeSpec? imageSizes = null)
    {
        var options = imageSizes?.ToReadOptions(fromPrincipalPoint: true) ?? new CalibrationReadOptions { ImageSizeFromPrincipalPoint = true };
        var rig = CalibrationReader.Read(path, options);
        if (imageSizes is not null)
        {
            var unknown = imageSizes.PerCamera.Keys.Where(n => !rig.Contains(n)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new PolyposeFormatException(path, $"--image-size names camera(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))} that this calibration does not have (cameras: {Names(rig.Names)})");
            }
        }

        return rig;
    }

    /// <summary>The one warning for cameras sized from their principal point, or null when there are none.</summary>
    public static string? ImageSizeWarning(CameraRig rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var assumed = rig.ImageSizesFromPrincipalPoint;
        if (assumed.Count == 0)
        {
            return null;
        }

        var sizes = assumed.Select(n => rig[n]).Select(c => $"{c.Name} {c.Width}x{c.Height}");
        return $"warning: the calibration gives no image size for {(assumed.Count == 1 ? "camera" : "cameras")} {Names(sizes)}; " +
            "assuming 2*cx x 2*cy from the principal point (the size is used only to check that points lie in the image and to draw; pass --image-size WxH or NAME=WxH,... to set it)";
    }

    /// <summary>Names joined by ", ", at most 12 and then "and N more".</summary>
    internal static string Names(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= 12 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(12))} and {all.Count - 12} more";
    }
}
