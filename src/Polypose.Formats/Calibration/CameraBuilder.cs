using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>Builds cameras and rigs for the readers, turning geometry errors into located format errors.</summary>
internal static class CameraBuilder
{
    /// <summary>
    /// Creates a camera from K (pixels), a world-to-camera R and t (millimetres, world z-up) and OpenCV-order distortion;
    /// any invalid value becomes a <see cref="PolyposeFormatException"/> at <paramref name="place"/>.
    /// </summary>
    public static Camera Create(
        string file, string place, string name, ImageSize size, Mat3 k, Mat3 rotation, Vec3 translation, ReadOnlySpan<double> distortion, int? line = null, int? column = null)
    {
        Intrinsics intrinsics;
        try
        {
            intrinsics = Intrinsics.FromMatrix(k);
        }
        catch (ArgumentException ex)
        {
            throw new PolyposeFormatException(file, $"camera '{name}': bad intrinsic matrix K: {Clean(ex)}", line, column, place);
        }

        Distortion dist;
        try
        {
            dist = Distortion.FromOpenCv(distortion);
        }
        catch (ArgumentException ex)
        {
            throw new PolyposeFormatException(file, $"camera '{name}': bad distortion: {Clean(ex)}", line, column, place);
        }

        try
        {
            return new Camera(name, size.Width, size.Height, intrinsics, rotation, translation, dist);
        }
        catch (ArgumentException ex)
        {
            throw new PolyposeFormatException(file, Clean(ex), line, column, place);
        }
    }

    /// <summary>An argument exception's message without the " (Parameter 'x')" suffix.</summary>
    public static string Clean(ArgumentException ex)
    {
        var m = ex.Message;
        var i = m.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return i > 0 ? m[..i] : m;
    }

    /// <summary>Checks names are unique and the rig is not empty, then applies the options' camera subset.</summary>
    public static CameraRig Finish(string file, IReadOnlyList<Camera> cameras, CalibrationReadOptions? options)
    {
        if (cameras.Count == 0)
        {
            throw new PolyposeFormatException(file, "the calibration holds no cameras");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cam in cameras)
        {
            if (!seen.Add(cam.Name))
            {
                throw new PolyposeFormatException(file, $"camera name '{cam.Name}' appears more than once", place: cam.Name);
            }
        }

        var rig = new CameraRig(cameras);
        var subset = options?.Cameras;
        if (subset is null)
        {
            return rig;
        }

        var missing = subset.Where(n => !rig.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new PolyposeFormatException(
                file, $"camera(s) asked for but not in the file: {string.Join(", ", missing)} (file has: {string.Join(", ", rig.Names)})");
        }

        try
        {
            return rig.Subset(subset);
        }
        catch (ArgumentException ex)
        {
            throw new PolyposeFormatException(file, ex.Message);
        }
    }

    /// <summary>The image size from the file, else the options' default, else a located error.</summary>
    public static ImageSize SizeOrDefault(string file, string place, string name, ImageSize? fromFile, CalibrationReadOptions? options, int? line = null, int? column = null)
    {
        if (fromFile is { } s)
        {
            if (s.Width <= 0 || s.Height <= 0)
            {
                throw new PolyposeFormatException(file, $"camera '{name}': image size must be positive, got {s}", line, column, place);
            }

            return s;
        }

        return options?.DefaultImageSize
            ?? throw new PolyposeFormatException(
                file,
                $"camera '{name}': the file gives no image size; pass CalibrationReadOptions.DefaultImageSize (Shelf 1032x776, Campus 360x288)",
                line,
                column,
                place);
    }
}
