using Polypose.Formats.Input;
using Polypose.Formats.Output;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Reads any supported calibration into a <see cref="CameraRig"/> (millimetres, world z-up, world-to-camera), choosing
/// the format from the content, not the file extension.
/// </summary>
public static class CalibrationReader
{
    /// <summary>The formats understood, as listed in error messages.</summary>
    public const string FormatsUnderstood =
        "Polypose canonical JSON (\"format\": \"polypose-calibration\"); 4D Association JSON (object of cameras with K and RT or R+T); " +
        "VoxelPose JSON (object of cameras with R, T, fx, fy, cx, cy, k, p); CMU Panoptic JSON (\"cameras\" array with K, R, t); " +
        "EasyMocap OpenCV YAML (intri.yml + extri.yml); Pose2Sim/AniPose/Caliscope TOML (one [table] per camera); Qualisys QTM .qca.txt XML (<calibration><cameras><camera serial=..>)";

    /// <summary>
    /// Reads a calibration file, or a folder holding intri.yml + extri.yml or exactly one calibration file. Throws
    /// <see cref="PolyposeFormatException"/> naming the file and place for bad content, or listing the formats understood
    /// when the content is none of them; <see cref="FileNotFoundException"/> when the path does not exist.
    /// </summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (StartsLikeJson(path))
        {
            // One read of the bytes serves both the format detection and the reading.
            var json = CalibrationJsonFile.Open(path);
            return json.Format switch
            {
                CalibrationFormat.Polypose => PolyposeCalibration.FromFile(json, options),
                CalibrationFormat.FourDAssociation => FourDAssociationCalibration.FromFile(json, options),
                CalibrationFormat.VoxelPose => VoxelPoseCalibration.FromFile(json, options),
                CalibrationFormat.Panoptic => PanopticCalibration.FromFile(json, options),
                _ => throw Unknown(path),
            };
        }

        var file = ResolveFile(path, out var format);
        return Read(file, format, options);
    }

    /// <summary>
    /// True for a regular file whose first 64 KiB, after comments, open a JSON object (what <see cref="Sniff"/> takes
    /// for JSON); false for anything else, including paths <see cref="ResolveFile"/> refuses (it then says why).
    /// </summary>
    private static bool StartsLikeJson(string path)
    {
        if (!File.Exists(path) || FileIdentity.Of(path, followLinks: true).Kind != FileKind.Regular)
        {
            return false;
        }

        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            var head = new byte[1 << 16];
            var got = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(head, 0, got).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return LeadingComments.SkipJson(text).StartsWith('{');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads a file (or an EasyMocap folder) in a known format.</summary>
    public static CameraRig Read(string path, CalibrationFormat format, CalibrationReadOptions? options = null) => format switch
    {
        CalibrationFormat.Polypose => PolyposeCalibration.Read(path, options),
        CalibrationFormat.FourDAssociation => FourDAssociationCalibration.Read(path, options),
        CalibrationFormat.VoxelPose => VoxelPoseCalibration.Read(path, options),
        CalibrationFormat.Panoptic => PanopticCalibration.Read(path, options),
        CalibrationFormat.EasyMocap => EasyMocapCalibration.Read(path, options),
        CalibrationFormat.Toml => TomlCalibration.Read(path, options),
        CalibrationFormat.Qualisys => QualisysCalibration.Read(path, options),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown calibration format"),
    };

    /// <summary>The format of a calibration file or folder, from its content; throws <see cref="PolyposeFormatException"/> when unrecognised.</summary>
    public static CalibrationFormat DetectFormat(string path)
    {
        ResolveFile(path, out var format);
        return format;
    }

    private static string ResolveFile(string path, out CalibrationFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return ResolveFolder(path, out format);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"calibration not found: {path}", path);
        }

        format = Sniff(path) ?? throw Unknown(path);
        return path;
    }

    private static string ResolveFolder(string folder, out CalibrationFormat format)
    {
        if (File.Exists(Path.Combine(folder, EasyMocapCalibration.IntrinsicsFile)) && File.Exists(Path.Combine(folder, EasyMocapCalibration.ExtrinsicsFile)))
        {
            format = CalibrationFormat.EasyMocap;
            return folder;
        }

        var found = new List<(string File, CalibrationFormat Format)>();
        foreach (var f in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(f).Length > InputLimits.CalibrationBytes)
            {
                continue;
            }

            try
            {
                if (Sniff(f) is { } fmt && fmt != CalibrationFormat.EasyMocap)
                {
                    found.Add((f, fmt));
                }
            }
            catch (PolyposeFormatException)
            {
                // Not a calibration (or a broken one): folder reading considers only files it recognises.
            }
        }

        if (found.Count == 1)
        {
            format = found[0].Format;
            return found[0].File;
        }

        throw found.Count == 0
            ? new PolyposeFormatException(folder, "no calibration found in this folder (expected intri.yml + extri.yml, or one calibration file). Formats understood: " + FormatsUnderstood)
            : new PolyposeFormatException(folder, $"several calibration files in this folder ({string.Join(", ", found.Select(x => Path.GetFileName(x.File)))}); name one");
    }

    /// <summary>
    /// Detects the format of a file's content; null when it is none of the known ones. Malformed JSON throws. One pass
    /// over the file, holding its bytes only for JSON (checked as events, no document) and a few buffers otherwise.
    /// </summary>
    private static CalibrationFormat? Sniff(string file)
    {
        if (StartsLikeJson(file))
        {
            return CalibrationJsonFile.Open(file).Format;
        }

        using var reader = InputFile.OpenText(file, InputLimits.CalibrationBytes, "calibration");
        return TextFormatSniffer.Sniff(reader);
    }

    private static PolyposeFormatException Unknown(string file) =>
        new(file, "unrecognised calibration content. Formats understood: " + FormatsUnderstood);
}
