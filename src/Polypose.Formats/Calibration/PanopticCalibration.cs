using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// CMU Panoptic calibration (calibration_&lt;seq&gt;.json, camera_parameters.json). Native layout: <c>cameras[]</c> of
/// {<c>name</c> ("00_03"), <c>type</c> ("hd", "vga", "kinect-color"), <c>resolution</c> [w, h], <c>K</c> 3×3,
/// <c>distCoef</c> (k1, k2, p1, p2, k3), <c>R</c> 3×3 and <c>t</c> 3×1 world-to-camera}, in <b>centimetres</b> with the
/// world <b>y-down</b>. Converted to z-up millimetres as DisPOSE does, by the one Panoptic axis change
/// <see cref="WorldFrame.PanopticExtrinsicsToPolypose"/> (R_w2c = R_raw·M, t = 10·t_raw, camera axes unchanged);
/// Panoptic 3D points (ground truth) go through <see cref="WorldFrame.PanopticPointToPolypose"/> into the same world.
/// Read only.
/// </summary>
public static class PanopticCalibration
{
    /// <summary>Reads a file; <see cref="CalibrationReadOptions.PanopticHdOnly"/> keeps the 31 HD cameras only.</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null) => FromFile(CalibrationJsonFile.Open(path), options);

    /// <summary>Reads a checked file one camera at a time (used by <see cref="CalibrationReader"/>).</summary>
    internal static CameraRig FromFile(CalibrationJsonFile json, CalibrationReadOptions? options)
    {
        var file = json.File;
        var hdOnly = options?.PanopticHdOnly ?? false;
        var cams = new List<Camera>();
        var assumed = new List<string>();
        var i = 0;
        void Add(JsonElement c)
        {
            var place = $"cameras[{i++}]";
            if (c.ValueKind != JsonValueKind.Object)
            {
                throw new PolyposeFormatException(file, $"expected a camera object, got {CalibrationJson.Kind(c)}", place: place);
            }

            if (hdOnly)
            {
                var type = CalibrationJson.TryGet(c, "type", out var typeEl) ? CalibrationJson.String(file, typeEl, place + ".type") : null;
                if (!string.Equals(type, "hd", StringComparison.Ordinal))
                {
                    return;
                }
            }

            cams.Add(ReadCamera(file, place, c, options, assumed));
        }

        long? start = null;
        using var root = json.RootKind == JsonValueKind.Object ? json.RootWithout("cameras", out start) : json.ParseWhole();
        if (start is { } s)
        {
            json.ForEachItem(s, Add);
        }
        else
        {
            var camsEl = CalibrationJson.Required(file, root.RootElement, "cameras", "$", "the array of cameras");
            if (camsEl.ValueKind != JsonValueKind.Array)
            {
                throw new PolyposeFormatException(file, $"expected an array of cameras, got {CalibrationJson.Kind(camsEl)}", place: "cameras");
            }

            foreach (var c in camsEl.EnumerateArray())
            {
                Add(c);
            }
        }

        return CameraBuilder.Finish(file, cams, options, assumed);
    }

    private static Camera ReadCamera(string file, string place, JsonElement c, CalibrationReadOptions? options, List<string> assumed)
    {
        var name = CalibrationJson.String(file, CalibrationJson.Required(file, c, "name", place, "camera name such as \"00_03\""), place + ".name");
        if (name.Length == 0)
        {
            throw new PolyposeFormatException(file, "camera name is empty", place: place + ".name");
        }

        ImageSize? size = CalibrationJson.TryGet(c, "resolution", out var res) ? CalibrationJson.Size(file, res, place + ".resolution") : null;
        var k = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, c, "K", place, "intrinsic matrix 3x3"), place + ".K", "K");
        var rRaw = CalibrationJson.Matrix3(file, CalibrationJson.Required(file, c, "R", place, "world-to-camera rotation 3x3"), place + ".R", "R");
        var tRaw = CalibrationJson.Vector3(file, CalibrationJson.Required(file, c, "t", place, "world-to-camera translation 3x1, cm"), place + ".t", "t (cm)");
        var dist = CalibrationJson.TryGet(c, "distCoef", out var d) ? CalibrationJson.Numbers(file, d, place + ".distCoef", out _) : [];
        var imageSize = CameraBuilder.SizeOrDefault(file, place, name, size, k, options, assumed);
        var extrinsics = WorldFrame.PanopticExtrinsicsToPolypose(rRaw, tRaw);
        return CameraBuilder.Create(file, place, name, imageSize, k, extrinsics.Rotation, extrinsics.Translation, dist);
    }
}
