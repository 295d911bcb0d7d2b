using System.Text.Json;
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
            // One parse of the bytes serves both the format detection and the reading.
            using var doc = CalibrationJson.ParseFile(path);
            var root = doc.RootElement;
            return SniffJson(root) switch
            {
                CalibrationFormat.Polypose => PolyposeCalibration.FromJson(path, root, options),
                CalibrationFormat.FourDAssociation => FourDAssociationCalibration.FromJson(path, root, options),
                CalibrationFormat.VoxelPose => VoxelPoseCalibration.FromJson(path, root, options),
                CalibrationFormat.Panoptic => PanopticCalibration.FromJson(path, root, options),
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

        format = Sniff(path, InputFile.ReadAllText(path, InputLimits.CalibrationBytes, "calibration")) ?? throw Unknown(path);
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
                if (Sniff(f, InputFile.ReadAllText(f, InputLimits.CalibrationBytes, "calibration")) is { } fmt && fmt != CalibrationFormat.EasyMocap)
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

    /// <summary>Detects the format of file content; null when it is none of the known ones. Malformed JSON throws.</summary>
    private static CalibrationFormat? Sniff(string file, string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (LeadingComments.SkipJson(t).StartsWith('{'))
        {
            using var doc = CalibrationJson.Parse(file, text);
            return SniffJson(doc.RootElement);
        }

        if (QualisysCalibration.LooksLikeQualisys(t))
        {
            return CalibrationFormat.Qualisys;
        }

        if (t.StartsWith("%YAML", StringComparison.Ordinal) || text.Contains("!!opencv-matrix", StringComparison.Ordinal))
        {
            return CalibrationFormat.EasyMocap;
        }

        return LooksLikeToml(text) ? CalibrationFormat.Toml : null;
    }

    private static CalibrationFormat? SniffJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() == PolyposeCalibration.FormatName)
        {
            return CalibrationFormat.Polypose;
        }

        if (root.TryGetProperty("cameras", out var cams) && cams.ValueKind == JsonValueKind.Array)
        {
            return CalibrationFormat.Panoptic;
        }

        foreach (var p in root.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (p.Value.TryGetProperty("K", out _) || p.Value.TryGetProperty("RT", out _))
            {
                return CalibrationFormat.FourDAssociation;
            }

            if (p.Value.TryGetProperty("fx", out _))
            {
                return CalibrationFormat.VoxelPose;
            }

            return null;
        }

        return null;
    }

    private static PolyposeFormatException Unknown(string file) =>
        new(file, "unrecognised calibration content. Formats understood: " + FormatsUnderstood);

    /// <summary>
    /// A TOML table header line (<c>[name]</c>, optionally followed by a comment) and, on some later line, a
    /// <c>key =</c> assignment. One pass over the lines: linear in the text, whatever it holds.
    /// </summary>
    private static bool LooksLikeToml(string text)
    {
        var sawTable = false;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim(" \t\r");
            if (line.Length == 0)
            {
                continue;
            }

            if (!sawTable)
            {
                sawTable = IsTableHeader(line);
            }
            else if (IsAssignment(line))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTableHeader(ReadOnlySpan<char> line)
    {
        if (line[0] != '[')
        {
            return false;
        }

        var close = line.IndexOf(']');
        if (close < 2 || line[1..close].IndexOf('[') >= 0)
        {
            return false;
        }

        var after = line[(close + 1)..].TrimStart(" \t");
        return after.Length == 0 || after[0] == '#';
    }

    private static bool IsAssignment(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '"' or '\'' or '-'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        var rest = line[i..].TrimStart(" \t");
        return rest.Length > 0 && rest[0] == '=';
    }
}
