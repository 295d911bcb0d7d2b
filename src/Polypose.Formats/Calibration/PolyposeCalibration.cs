using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// The Polypose canonical calibration JSON (specified in docs/calibration-format.md): <c>{"format":
/// "polypose-calibration", "version": 1, "unit": "mm", "world": "z-up", "convention": "world-to-camera", "cameras":
/// [{"name", "width", "height", "K" 3×3 nested, "dist" {k1..k6, p1, p2} or an OpenCV-order array, "R" 3×3 nested,
/// "t" [3]}]}</c>. Millimetres, world z-up, world-to-camera: the same model as <see cref="Camera"/>, so writing then
/// reading is lossless (numbers are written in shortest round-trip form).
/// </summary>
public static class PolyposeCalibration
{
    /// <summary>The value of the "format" key.</summary>
    public const string FormatName = "polypose-calibration";

    /// <summary>The version this code writes and reads.</summary>
    public const int Version = 1;

    private static readonly string[] DistKeys = ["k1", "k2", "p1", "p2", "k3", "k4", "k5", "k6"];

    /// <summary>Reads a file; throws <see cref="PolyposeFormatException"/> naming the file and JSON path on bad content.</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null) => FromFile(CalibrationJsonFile.Open(path), options);

    /// <summary>Writes the rig atomically (UTF-8, indented, full double precision).</summary>
    public static void Write(CameraRig rig, string path)
    {
        ArgumentNullException.ThrowIfNull(rig);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", Version);
            w.WriteString("unit", "mm");
            w.WriteString("world", "z-up");
            w.WriteString("convention", "world-to-camera");
            w.WriteStartArray("cameras");
            foreach (var cam in rig)
            {
                w.WriteStartObject();
                w.WriteString("name", cam.Name);
                w.WriteNumber("width", cam.Width);
                w.WriteNumber("height", cam.Height);
                WriteMatrix(w, "K", cam.Intrinsics.Matrix);
                w.WriteStartObject("dist");
                var d = cam.Distortion.ToOpenCv();
                for (var i = 0; i < DistKeys.Length; i++)
                {
                    w.WriteNumber(DistKeys[i], i < d.Length ? d[i] : 0);
                }

                w.WriteEndObject();
                WriteMatrix(w, "R", cam.Rotation);
                w.WriteStartArray("t");
                w.WriteNumberValue(cam.Translation.X);
                w.WriteNumberValue(cam.Translation.Y);
                w.WriteNumberValue(cam.Translation.Z);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            stream.Write("\n"u8);
        });
    }

    /// <summary>Reads a checked file one camera at a time (used by <see cref="CalibrationReader"/>).</summary>
    internal static CameraRig FromFile(CalibrationJsonFile json, CalibrationReadOptions? options)
    {
        if (json.RootKind != JsonValueKind.Object)
        {
            using var whole = json.ParseWhole();
            return FromJson(json.File, whole.RootElement, null, options);
        }

        using var root = json.RootWithout("cameras", out var start);
        return FromJson(json.File, root.RootElement, start is { } s ? (json, s) : null, options);
    }

    /// <summary>Reads from the root (without its camera array when <paramref name="cameraArray"/> says where that is).</summary>
    private static CameraRig FromJson(string file, JsonElement root, (CalibrationJsonFile File, long Start)? cameraArray, CalibrationReadOptions? options)
    {
        var format = CalibrationJson.String(file, CalibrationJson.Required(file, root, "format", "$", $"\"{FormatName}\""), "format");
        if (format != FormatName)
        {
            throw new PolyposeFormatException(file, $"expected format \"{FormatName}\", got \"{format}\"", place: "format");
        }

        var version = CalibrationJson.Number(file, CalibrationJson.Required(file, root, "version", "$", "the format version, 1"), "version");
        if (version != Version)
        {
            throw new PolyposeFormatException(file, $"unsupported version {version}; this build reads version {Version}", place: "version");
        }

        Expect(file, root, "unit", "mm");
        Expect(file, root, "world", "z-up");
        Expect(file, root, "convention", "world-to-camera");
        var cams = new List<Camera>();
        var i = 0;
        if (cameraArray is { } array)
        {
            array.File.ForEachItem(array.Start, c => cams.Add(ReadCamera(file, $"cameras[{i++}]", c)));
            return CameraBuilder.Finish(file, cams, options);
        }

        var camsEl = CalibrationJson.Required(file, root, "cameras", "$", "the array of cameras");
        if (camsEl.ValueKind != JsonValueKind.Array)
        {
            throw new PolyposeFormatException(file, $"expected an array of cameras, got {CalibrationJson.Kind(camsEl)}", place: "cameras");
        }

        foreach (var c in camsEl.EnumerateArray())
        {
            cams.Add(ReadCamera(file, $"cameras[{i++}]", c));
        }

        return CameraBuilder.Finish(file, cams, options);
    }

    private static Camera ReadCamera(string file, string place, JsonElement c)
    {
        var name = CalibrationJson.String(file, CalibrationJson.Required(file, c, "name", place, "camera name"), place + ".name");
        if (name.Length == 0)
        {
            throw new PolyposeFormatException(file, "camera name is empty", place: place + ".name");
        }

        var width = CalibrationJson.PositiveInt(file, CalibrationJson.Required(file, c, "width", place, "image width in pixels"), place + ".width");
        var height = CalibrationJson.PositiveInt(file, CalibrationJson.Required(file, c, "height", place, "image height in pixels"), place + ".height");
        var k = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, c, "K", place, "intrinsic matrix 3x3"), place + ".K", "K");
        var r = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, c, "R", place, "world-to-camera rotation 3x3"), place + ".R", "R");
        var t = CalibrationJson.Vector3(file, CalibrationJson.Required(file, c, "t", place, "world-to-camera translation [3] in mm"), place + ".t", "t (mm)");
        double[] dist = [];
        if (CalibrationJson.TryGet(c, "dist", out var d))
        {
            dist = d.ValueKind == JsonValueKind.Object ? DistObject(file, d, place + ".dist") : CalibrationJson.Numbers(file, d, place + ".dist", out _);
        }

        return CameraBuilder.Create(file, place, name, new ImageSize(width, height), k, r, t, dist);
    }

    private static double[] DistObject(string file, JsonElement d, string place)
    {
        var values = new double[DistKeys.Length];
        foreach (var p in d.EnumerateObject())
        {
            var idx = Array.IndexOf(DistKeys, p.Name);
            if (idx < 0)
            {
                throw new PolyposeFormatException(file, $"unknown distortion coefficient \"{p.Name}\" (expected {string.Join(", ", DistKeys)})", place: place);
            }

            values[idx] = CalibrationJson.Number(file, p.Value, place + "." + p.Name);
        }

        return values;
    }

    private static void Expect(string file, JsonElement root, string key, string expected)
    {
        if (CalibrationJson.TryGet(root, key, out var el))
        {
            var v = CalibrationJson.String(file, el, key);
            if (v != expected)
            {
                throw new PolyposeFormatException(file, $"expected \"{key}\": \"{expected}\", got \"{v}\"", place: key);
            }
        }
    }

    private static void WriteMatrix(Utf8JsonWriter w, string name, Mat3 m)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < 3; i++)
        {
            var row = m.Row(i);
            w.WriteStartArray();
            w.WriteNumberValue(row.X);
            w.WriteNumberValue(row.Y);
            w.WriteNumberValue(row.Z);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
