using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>Builds cameras and rigs for the readers, turning geometry errors into located format errors.</summary>
internal static class CameraBuilder
{
    /// <summary>
    /// Creates a camera from K (pixels), a world-to-camera R and t (millimetres, world z-up) and OpenCV-order distortion;
    /// any invalid or implausible value (<see cref="InputRanges"/>) becomes a <see cref="PolyposeFormatException"/> at
    /// <paramref name="place"/>.
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

        CheckIntrinsics(file, place, name, intrinsics, line, column);
        CheckTranslation(file, place, name, translation, line, column);
        CheckDistortion(file, place, name, distortion, line, column);
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
    public static CameraRig Finish(string file, IReadOnlyList<Camera> cameras, CalibrationReadOptions? options, IReadOnlyList<string>? assumedSizes = null)
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

        var rig = new CameraRig(cameras) { ImageSizesFromPrincipalPoint = assumedSizes ?? [] };
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

    /// <summary>
    /// The image size of a camera: the file's, else the options' size for this camera
    /// (<see cref="CalibrationReadOptions.ImageSizes"/>), else the options' size for all
    /// (<see cref="CalibrationReadOptions.DefaultImageSize"/>), else, when
    /// <see cref="CalibrationReadOptions.ImageSizeFromPrincipalPoint"/> is set, 2·cx × 2·cy from K (the camera's name is
    /// then added to <paramref name="assumed"/>), else a located error.
    /// </summary>
    public static ImageSize SizeOrDefault(
        string file, string place, string name, ImageSize? fromFile, Mat3 k, CalibrationReadOptions? options, List<string> assumed, int? line = null, int? column = null)
    {
        if (fromFile is { } s)
        {
            if (s.Width <= 0 || s.Height <= 0)
            {
                throw new PolyposeFormatException(file, $"camera '{name}': image size must be positive, got {s}", line, column, place);
            }

            if (s.Width > InputRanges.MaxImageSide || s.Height > InputRanges.MaxImageSide)
            {
                throw new PolyposeFormatException(file, $"camera '{name}': image size {s} is outside the plausible range (at most {InputRanges.MaxImageSide} pixels a side)", line, column, place);
            }

            return s;
        }

        if (options?.ImageSizes is { } perCamera && perCamera.TryGetValue(name, out var given))
        {
            return given;
        }

        if (options?.DefaultImageSize is { } all)
        {
            return all;
        }

        if (options?.ImageSizeFromPrincipalPoint == true)
        {
            var (cx, cy) = (k.M02, k.M12);
            var w = Math.Round(2 * cx);
            var h = Math.Round(2 * cy);
            if (!(w >= 2 && h >= 2 && w <= InputRanges.MaxImageSide && h <= InputRanges.MaxImageSide))
            {
                throw new PolyposeFormatException(
                    file,
                    $"camera '{name}': the file gives no image size and the principal point ({Invariant(cx)}, {Invariant(cy)}) px does not imply one (2·cx × 2·cy must be 2-{InputRanges.MaxImageSide} px); give the image size explicitly",
                    line,
                    column,
                    place);
            }

            assumed.Add(name);
            return new ImageSize((int)w, (int)h);
        }

        throw new PolyposeFormatException(
            file,
            $"camera '{name}': the file gives no image size; pass CalibrationReadOptions.DefaultImageSize or ImageSizes (Shelf 1032x776, Campus 360x288), or set ImageSizeFromPrincipalPoint (the command line: --image-size WxH)",
            line,
            column,
            place);
    }

    private static void CheckIntrinsics(string file, string place, string name, Intrinsics k, int? line, int? column)
    {
        void Focal(string what, double f)
        {
            if (!(f >= InputRanges.MinFocalPixels && f <= InputRanges.MaxFocalPixels))
            {
                throw new PolyposeFormatException(
                    file, $"camera '{name}': focal length {what} = {Invariant(f)} px is outside the plausible range [{Invariant(InputRanges.MinFocalPixels)}, {Invariant(InputRanges.MaxFocalPixels)}] px", line, column, place);
            }
        }

        void Offset(string what, double v)
        {
            if (!InputRanges.Within(v, InputRanges.MaxPrincipalPointPixels))
            {
                throw new PolyposeFormatException(
                    file, $"camera '{name}': {what} = {Invariant(v)} px is outside the plausible range (|{what}| <= {Invariant(InputRanges.MaxPrincipalPointPixels)} px)", line, column, place);
            }
        }

        Focal("fx", k.Fx);
        Focal("fy", k.Fy);
        Offset("cx", k.Cx);
        Offset("cy", k.Cy);
        Offset("skew", k.Skew);
    }

    private static void CheckTranslation(string file, string place, string name, Vec3 t, int? line, int? column)
    {
        if (!(InputRanges.Within(t.X, InputRanges.MaxTranslationMillimetres) && InputRanges.Within(t.Y, InputRanges.MaxTranslationMillimetres) && InputRanges.Within(t.Z, InputRanges.MaxTranslationMillimetres)))
        {
            throw new PolyposeFormatException(
                file,
                $"camera '{name}': translation ({Invariant(t.X)}, {Invariant(t.Y)}, {Invariant(t.Z)}) mm is outside the plausible range (each |t| <= {Invariant(InputRanges.MaxTranslationMillimetres)} mm)",
                line,
                column,
                place);
        }
    }

    private static void CheckDistortion(string file, string place, string name, ReadOnlySpan<double> d, int? line, int? column)
    {
        if (!InputRanges.IsOpenCvDistortionLength(d.Length))
        {
            throw new PolyposeFormatException(
                file,
                $"camera '{name}': the distortion vector has {d.Length} value(s); OpenCV defines {string.Join(", ", InputRanges.OpenCvDistortionLengths)} (k1, k2, p1, p2[, k3[, k4, k5, k6[, s1..s4[, tx, ty]]]])",
                line,
                column,
                place);
        }

        string[] names = ["k1", "k2", "p1", "p2", "k3", "k4", "k5", "k6"];
        for (var i = 0; i < Math.Min(d.Length, names.Length); i++)
        {
            var limit = i is 2 or 3 ? InputRanges.MaxTangentialDistortion : InputRanges.MaxRadialDistortion;
            if (!InputRanges.Within(d[i], limit))
            {
                throw new PolyposeFormatException(
                    file, $"camera '{name}': distortion {names[i]} = {Invariant(d[i])} is outside the plausible range (|{names[i]}| <= {Invariant(limit)})", line, column, place);
            }
        }
    }

    private static string Invariant(double v) => v.ToString("g6", System.Globalization.CultureInfo.InvariantCulture);
}
