using System.Text;
using Polypose.Formats.Calibration.Toml;
using Polypose.Formats.Input;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Pose2Sim / AniPose / Caliscope / FreeMoCap calibration TOML. Native layout: one table per camera in view order
/// (the table name, or its <c>name</c> key when present, is the camera name) with <c>size</c> [width, height] (floats),
/// <c>matrix</c> 3×3 nested (pixels), <c>distortions</c> (OpenCV order, 4, 5 or 8 values), <c>rotation</c> (Rodrigues
/// vector, world-to-camera), <c>translation</c> (world-to-camera, <b>metres</b>), <c>fisheye</c> (must be false);
/// world z-up. Tables named metadata, capture_volume, charuco, checkerboard, and dotted sub-tables, are not cameras.
/// Translations are converted to millimetres on reading and back to metres on writing.
/// </summary>
public static class TomlCalibration
{
    private static readonly HashSet<string> NonCameraTables = new(StringComparer.OrdinalIgnoreCase) { "metadata", "capture_volume", "charuco", "checkerboard" };

    /// <summary>Reads a file; throws <see cref="PolyposeFormatException"/> naming the file, line and column on bad content.</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null)
    {
        // Two passes over the file, neither holding it: the UTF-8 check (first, as for the other text formats), then the
        // parse, which builds each camera as soon as its table is complete.
        using (var check = InputFile.OpenText(path, InputLimits.CalibrationBytes, "calibration"))
        {
            InvalidText.RejectInvalidUtf8(path, check);
        }

        using var text = InputFile.OpenText(path, InputLimits.CalibrationBytes, "calibration");
        return FromReader(path, text, options);
    }

    /// <summary>Writes the Pose2Sim layout (4 distortion values when k3..k6 are zero, 5 or 8 otherwise) and a [metadata] table, atomically.</summary>
    public static void Write(CameraRig rig, string path)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var sb = new StringBuilder();
        foreach (var cam in rig)
        {
            var k = cam.Intrinsics.Matrix;
            var d = cam.Distortion;
            double[] dist = d.IsRational ? d.ToOpenCv() : d.K3 != 0 ? [d.K1, d.K2, d.P1, d.P2, d.K3] : [d.K1, d.K2, d.P1, d.P2];
            var t = cam.Translation / 1000;
            sb.Append('[').Append(TableName(cam.Name)).Append("]\n");
            sb.Append("name = ").Append(Quote(cam.Name)).Append('\n');
            sb.Append("size = [ ").Append(CalibrationNumbers.Join([cam.Width, cam.Height])).Append("]\n");
            sb.Append("matrix = [ ").Append(Row(k.Row(0))).Append(", ").Append(Row(k.Row(1))).Append(", ").Append(Row(k.Row(2))).Append("]\n");
            sb.Append("distortions = [ ").Append(CalibrationNumbers.Join(dist)).Append("]\n");
            sb.Append("rotation = [ ").Append(Vec(cam.Rotation.ToRodrigues())).Append("]\n");
            sb.Append("translation = [ ").Append(Vec(t)).Append("]\n");
            sb.Append("fisheye = false\n\n");
        }

        sb.Append("[metadata]\nadjusted = false\nerror = 0.0\n");
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Parses TOML text (used by <see cref="CalibrationReader"/>).</summary>
    internal static CameraRig FromText(string file, string text, CalibrationReadOptions? options)
    {
        InvalidText.RejectInvalidUtf8(file, text);
        using var reader = new StringReader(text);
        return FromReader(file, reader, options);
    }

    /// <summary>
    /// Parses TOML as it is read, one camera per complete table. A camera's error waits for the end of the parse, so
    /// that a syntax error anywhere in the file is still the one reported (as when the whole file was parsed first).
    /// </summary>
    private static CameraRig FromReader(string file, TextReader text, CalibrationReadOptions? options)
    {
        var cams = new List<Camera>();
        var assumed = new List<string>();
        PolyposeFormatException? cameraError = null;
        var pacer = new CollectionPacer();
        TomlParser.Parse(file, text, table =>
        {
            pacer.Step();
            if (cameraError is not null || table.Path.Count != 1 || NonCameraTables.Contains(table.Name))
            {
                return;
            }

            try
            {
                cams.Add(ReadCamera(file, table, options, assumed));
            }
            catch (PolyposeFormatException ex)
            {
                cameraError = ex;
            }
        });
        if (cameraError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cameraError);
        }

        return CameraBuilder.Finish(file, cams, options, assumed);
    }

    private static Camera ReadCamera(string file, TomlTable table, CalibrationReadOptions? options, List<string> assumed)
    {
        var place = $"[{table.Name}]";
        TomlValue Required(string key, string expected) =>
            table.TryGet(key, out var v)
                ? v
                : throw new PolyposeFormatException(file, $"camera table [{table.Name}] has no '{key}' ({expected})", table.Line, table.Column, place);

        var name = table.Name;
        if (table.TryGet("name", out var nameVal))
        {
            name = nameVal.Kind == TomlKind.String && nameVal.Text.Length > 0
                ? nameVal.Text
                : throw new PolyposeFormatException(file, $"expected a non-empty string for 'name', got {nameVal.Describe()}", nameVal.Line, nameVal.Column, place + ".name");
        }

        if (table.TryGet("fisheye", out var fish) && fish.Kind == TomlKind.Boolean && fish.Boolean)
        {
            throw new PolyposeFormatException(file, "fisheye cameras are not supported (only the pinhole + OpenCV distortion model)", fish.Line, fish.Column, place + ".fisheye");
        }

        ImageSize? size = null;
        if (table.TryGet("size", out var sizeVal))
        {
            var s = Numbers(file, sizeVal, place + ".size", 2, "[width, height] in pixels");
            if (s.Any(x => !(x >= 1) || x != Math.Floor(x) || x > int.MaxValue))
            {
                throw new PolyposeFormatException(file, "image size must be two positive whole numbers", sizeVal.Line, sizeVal.Column, place + ".size");
            }

            size = new ImageSize((int)s[0], (int)s[1]);
        }

        var kVal = Required("matrix", "3x3 intrinsic matrix");
        var k = Mat3.FromRowMajor(Numbers(file, kVal, place + ".matrix", 9, "a 3x3 matrix (9 numbers)"));
        try
        {
            _ = Intrinsics.FromMatrix(k);
        }
        catch (ArgumentException ex)
        {
            throw new PolyposeFormatException(file, $"camera '{name}': bad intrinsic matrix: {CameraBuilder.Clean(ex)}", kVal.Line, kVal.Column, place + ".matrix");
        }

        var rotVal = Required("rotation", "Rodrigues vector, world-to-camera");
        var rot = AllNumbers(file, rotVal, place + ".rotation");
        var r = rot.Length switch
        {
            3 => Mat3.FromRodrigues(new Vec3(rot[0], rot[1], rot[2])),
            9 => Mat3.FromRowMajor(rot),
            _ => throw new PolyposeFormatException(file, $"expected a Rodrigues vector (3 numbers) or a 3x3 matrix, got {rot.Length} numbers", rotVal.Line, rotVal.Column, place + ".rotation"),
        };
        var t = Numbers(file, Required("translation", "world-to-camera translation in metres"), place + ".translation", 3, "3 numbers (metres)");
        var dist = table.TryGet("distortions", out var dv) ? AllNumbers(file, dv, place + ".distortions") : [];
        var imageSize = CameraBuilder.SizeOrDefault(file, place, name, size, k, options, assumed, table.Line, table.Column);
        return CameraBuilder.Create(file, place, name, imageSize, k, r, new Vec3(t[0], t[1], t[2]) * 1000, dist, table.Line, table.Column);
    }

    private static double[] Numbers(string file, TomlValue v, string place, int count, string expected)
    {
        var values = AllNumbers(file, v, place);
        return values.Length == count
            ? values
            : throw new PolyposeFormatException(file, $"expected {expected}, got {values.Length} number(s)", v.Line, v.Column, place);
    }

    private static double[] AllNumbers(string file, TomlValue v, string place)
    {
        var list = new List<double>();
        Collect(file, v, place, list);
        return [.. list];
    }

    private static void Collect(string file, TomlValue v, string place, List<double> into)
    {
        switch (v.Kind)
        {
            case TomlKind.Integer or TomlKind.Float:
                if (!double.IsFinite(v.Number))
                {
                    throw new PolyposeFormatException(file, $"non-finite value {v.Describe()} (NaN and infinities are rejected)", v.Line, v.Column, place);
                }

                into.Add(v.Number);
                break;
            case TomlKind.Array:
                foreach (var item in v.Items)
                {
                    Collect(file, item, place, into);
                }

                break;
            default:
                throw new PolyposeFormatException(file, $"expected a number or an array of numbers, got {v.Describe()}", v.Line, v.Column, place);
        }
    }

    private static string Row(Vec3 r) => "[ " + Vec(r) + "]";

    private static string Vec(Vec3 v) => CalibrationNumbers.Join([v.X, v.Y, v.Z]);

    private static string TableName(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : Quote(name);

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                '\r' => sb.Append("\\r"),
                _ when char.IsControl(c) => sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
