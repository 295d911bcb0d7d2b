using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// The 4D Association calibration JSON (e.g. shelf/calibration.json). Native layout: a top-level object keyed by camera
/// name, in view order; per camera <c>K</c> (9 numbers, row-major 3×3, pixels), either <c>RT</c> (12 numbers, row-major
/// 3×4 [R | t]) or <c>R</c> (3 = Rodrigues vector, or 9 = row-major matrix) with <c>T</c> (3 numbers), world-to-camera,
/// <b>metres</b>, world z-up; <c>imgSize</c> [width, height]; optional <c>distCoeff</c> (any length, OpenCV order) and
/// <c>rectifyAlpha</c> (ignored). Translations are converted to millimetres on reading and back to metres on writing.
/// </summary>
public static class FourDAssociationCalibration
{
    /// <summary>Reads a file; throws <see cref="PolyposeFormatException"/> naming the file and JSON path on bad content.</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null) => FromFile(CalibrationJsonFile.Open(path), options);

    /// <summary>Writes <c>K</c>, <c>R</c> (9), <c>T</c> (metres), <c>imgSize</c> and <c>distCoeff</c> per camera, atomically.</summary>
    public static void Write(CameraRig rig, string path)
    {
        ArgumentNullException.ThrowIfNull(rig);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            foreach (var cam in rig)
            {
                w.WriteStartObject(cam.Name);
                WriteArray(w, "K", cam.Intrinsics.Matrix.ToRowMajor());
                WriteArray(w, "R", cam.Rotation.ToRowMajor());
                WriteArray(w, "T", [cam.Translation.X / 1000, cam.Translation.Y / 1000, cam.Translation.Z / 1000]);
                WriteArray(w, "imgSize", [cam.Width, cam.Height]);
                WriteArray(w, "distCoeff", cam.Distortion.ToOpenCv());
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.Flush();
            stream.Write("\n"u8);
        });
    }

    /// <summary>Reads a checked file one camera at a time (used by <see cref="CalibrationReader"/>).</summary>
    internal static CameraRig FromFile(CalibrationJsonFile json, CalibrationReadOptions? options)
    {
        var file = json.File;
        if (json.RootKind != JsonValueKind.Object)
        {
            using var whole = json.ParseWhole();
            throw new PolyposeFormatException(file, $"expected an object keyed by camera name, got {CalibrationJson.Kind(whole.RootElement)}", place: "$");
        }

        var cams = new List<Camera>();
        var assumed = new List<string>();
        json.ForEachProperty((name, value) => cams.Add(ReadCamera(file, name, value, options, assumed)));
        return CameraBuilder.Finish(file, cams, options, assumed);
    }

    private static Camera ReadCamera(string file, string name, JsonElement obj, CalibrationReadOptions? options, List<string> assumed)
    {
        var place = CalibrationJson.Key(null, name);
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new PolyposeFormatException(file, $"expected a camera object, got {CalibrationJson.Kind(obj)}", place: place);
        }

        var k = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, obj, "K", place, "intrinsic matrix, 9 numbers"), place + ".K", "K");
        Mat3 r;
        Vec3 tMetres;
        if (CalibrationJson.TryGet(obj, "RT", out var rt))
        {
            var v = CalibrationJson.Exactly(file, rt, place + ".RT", 12, "[R | t] (3x4, 12 numbers)");
            r = new Mat3(v[0], v[1], v[2], v[4], v[5], v[6], v[8], v[9], v[10]);
            tMetres = new Vec3(v[3], v[7], v[11]);
        }
        else if (CalibrationJson.TryGet(obj, "R", out var rEl))
        {
            var v = CalibrationJson.Numbers(file, rEl, place + ".R", out var shape);
            r = v.Length switch
            {
                3 => Mat3.FromRodrigues(new Vec3(v[0], v[1], v[2])),
                9 => Mat3.FromRowMajor(v),
                _ => throw new PolyposeFormatException(file, $"expected 3 (Rodrigues) or 9 (3x3) numbers, got {v.Length} shaped {shape}", place: place + ".R"),
            };
            var tEl = CalibrationJson.Required(file, obj, "T", place, "translation, 3 numbers in metres, required with R");
            tMetres = CalibrationJson.Vector3(file, tEl, place + ".T", "T");
        }
        else
        {
            throw new PolyposeFormatException(file, "missing extrinsics: expected \"RT\" (12 numbers) or \"R\" (3 or 9) with \"T\" (3)", place: place);
        }

        ImageSize? size = CalibrationJson.TryGet(obj, "imgSize", out var sz) ? CalibrationJson.Size(file, sz, place + ".imgSize") : null;
        var dist = CalibrationJson.TryGet(obj, "distCoeff", out var d)
            ? CalibrationJson.Numbers(file, d, place + ".distCoeff", out _)
            : [];
        var imageSize = CameraBuilder.SizeOrDefault(file, place, name, size, k, options, assumed);
        return CameraBuilder.Create(file, place, name, imageSize, k, r, tMetres * 1000, dist);
    }

    private static void WriteArray(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
