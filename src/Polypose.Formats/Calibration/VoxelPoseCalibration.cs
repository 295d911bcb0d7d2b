using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// The VoxelPose Shelf/Campus calibration JSON (calibration_shelf.json, calibration_campus.json). Native layout: keys
/// "0".. in view order, each {<c>R</c> 3×3 world-to-camera, <c>T</c> = the camera <b>centre</b> in world millimetres
/// (3×1 nested or flat), <c>fx</c>, <c>fy</c>, <c>cx</c>, <c>cy</c> in pixels, <c>k</c> radial (k1, k2, k3; may be
/// nested [[k1],[k2],[k3]]), <c>p</c> tangential (p1, p2)}; world z-up. The translation is t = −R·T. The file has
/// <b>no image size</b>: pass <see cref="CalibrationReadOptions.DefaultImageSize"/> (Shelf 1032 × 776, Campus 360 × 288).
/// Extension: <c>k</c> may hold 6 values (k1..k6 of the rational model); the writer uses 6 only when needed.
/// </summary>
public static class VoxelPoseCalibration
{
    /// <summary>Reads a file; needs <see cref="CalibrationReadOptions.DefaultImageSize"/> since the format stores no size.</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null) => FromFile(CalibrationJsonFile.Open(path), options);

    /// <summary>Writes the VoxelPose layout (T = camera centre in mm, k and p nested as VoxelPose does), atomically. Image sizes are not stored.</summary>
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
                w.WriteStartArray("R");
                for (var i = 0; i < 3; i++)
                {
                    var row = cam.Rotation.Row(i);
                    WriteRow(w, [row.X, row.Y, row.Z]);
                }

                w.WriteEndArray();
                var c = cam.Center;
                WriteColumn(w, "T", [c.X, c.Y, c.Z]);
                w.WriteNumber("fx", cam.Intrinsics.Fx);
                w.WriteNumber("fy", cam.Intrinsics.Fy);
                w.WriteNumber("cx", cam.Intrinsics.Cx);
                w.WriteNumber("cy", cam.Intrinsics.Cy);
                var d = cam.Distortion;
                WriteColumn(w, "k", d.IsRational ? [d.K1, d.K2, d.K3, d.K4, d.K5, d.K6] : [d.K1, d.K2, d.K3]);
                WriteColumn(w, "p", [d.P1, d.P2]);
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

        double Scalar(string key) =>
            CalibrationJson.Number(file, CalibrationJson.Required(file, obj, key, place, key + ", a number in pixels"), place + "." + key);

        var r = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, obj, "R", place, "world-to-camera rotation, 3x3"), place + ".R", "R");
        var centre = CalibrationJson.Vector3(file, CalibrationJson.Required(file, obj, "T", place, "camera centre in mm, 3 numbers"), place + ".T", "T (camera centre, mm)");
        var k = new Mat3(Scalar("fx"), 0, Scalar("cx"), 0, Scalar("fy"), Scalar("cy"), 0, 0, 1);
        var radial = CalibrationJson.TryGet(obj, "k", out var kEl) ? CalibrationJson.Numbers(file, kEl, place + ".k", out _) : [];
        var tangential = CalibrationJson.TryGet(obj, "p", out var pEl) ? CalibrationJson.Numbers(file, pEl, place + ".p", out _) : [];
        if (radial.Length > 6)
        {
            throw new PolyposeFormatException(file, $"expected at most 6 radial coefficients (k1, k2, k3[, k4, k5, k6]), got {radial.Length}", place: place + ".k");
        }

        if (tangential.Length is not (0 or 2))
        {
            throw new PolyposeFormatException(file, $"expected 2 tangential coefficients (p1, p2), got {tangential.Length}", place: place + ".p");
        }

        double At(double[] a, int i) => i < a.Length ? a[i] : 0;
        double[] dist = [At(radial, 0), At(radial, 1), At(tangential, 0), At(tangential, 1), At(radial, 2), At(radial, 3), At(radial, 4), At(radial, 5)];
        var size = CameraBuilder.SizeOrDefault(file, place, name, null, k, options, assumed);
        return CameraBuilder.Create(file, place, name, size, k, r, -(r * centre), dist);
    }

    private static void WriteRow(Utf8JsonWriter w, double[] values)
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteColumn(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStartArray();
            w.WriteNumberValue(v);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
