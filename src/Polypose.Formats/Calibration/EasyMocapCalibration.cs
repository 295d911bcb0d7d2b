using System.Text;
using Polypose.Formats.Input;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// EasyMocap calibration: an OpenCV FileStorage YAML pair. <c>intri.yml</c>: <c>names</c> (camera order),
/// <c>K_&lt;cam&gt;</c> 3×3 (pixels), <c>dist_&lt;cam&gt;</c> 1×5, 5×1, 1×4 or 1×8 (OpenCV order), optional
/// <c>H_&lt;cam&gt;</c>/<c>W_&lt;cam&gt;</c> (image height/width). <c>extri.yml</c>: <c>R_&lt;cam&gt;</c> Rodrigues 3×1,
/// <c>Rot_&lt;cam&gt;</c> 3×3 (preferred when present; must agree with R_), <c>T_&lt;cam&gt;</c> 3×1, world-to-camera,
/// <b>metres</b>, world z-up. Translations become millimetres on reading and metres again on writing.
/// Without H_/W_ (they are optional in EasyMocap) the size comes from <see cref="CalibrationReadOptions"/>.
/// </summary>
public static class EasyMocapCalibration
{
    /// <summary>The intrinsics file name inside a calibration folder.</summary>
    public const string IntrinsicsFile = "intri.yml";

    /// <summary>The extrinsics file name inside a calibration folder.</summary>
    public const string ExtrinsicsFile = "extri.yml";

    /// <summary>Largest |Rodrigues(R_) − Rot_| element difference accepted when both are present.</summary>
    public const double RotationConsistencyTolerance = 1e-4;

    /// <summary>Reads a folder holding intri.yml and extri.yml, or either of the two files (the other is taken beside it).</summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null)
    {
        if (Directory.Exists(path))
        {
            return Read(Path.Combine(path, IntrinsicsFile), Path.Combine(path, ExtrinsicsFile), options);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return string.Equals(Path.GetFileName(path), ExtrinsicsFile, StringComparison.OrdinalIgnoreCase)
            ? Read(Path.Combine(dir, IntrinsicsFile), path, options)
            : Read(path, Path.Combine(dir, ExtrinsicsFile), options);
    }

    /// <summary>Reads the two files; cameras follow the <c>names</c> list of intri.yml.</summary>
    public static CameraRig Read(string intriPath, string extriPath, CalibrationReadOptions? options = null)
    {
        foreach (var p in new[] { intriPath, extriPath })
        {
            if (!File.Exists(p))
            {
                throw new PolyposeFormatException(p, "EasyMocap calibration file not found (expected intri.yml and extri.yml side by side)");
            }
        }

        // Both files are streamed into one compact table (never two node trees), then cameras are built in names order.
        var table = new EasyMocapEntries();
        table.ReadIntrinsics(intriPath);
        var names = table.Names(intriPath);
        table.ReadExtrinsics(extriPath);
        var cams = new List<Camera>(names.Count);
        var assumed = new List<string>();
        var pacer = new CollectionPacer();
        foreach (var name in names)
        {
            pacer.Step();
            cams.Add(ReadCamera(intriPath, extriPath, name, table.Take(intriPath, name), options, assumed));
        }

        return CameraBuilder.Finish(intriPath, cams, options, assumed);
    }

    /// <summary>Writes intri.yml and extri.yml (both atomically) into <paramref name="folder"/>, creating it when missing.</summary>
    public static void Write(CameraRig rig, string folder)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var intri = new StringBuilder();
        var extri = new StringBuilder();
        OpenCvYaml.AppendHeader(intri, rig.Names);
        OpenCvYaml.AppendHeader(extri, rig.Names);
        foreach (var cam in rig)
        {
            OpenCvYaml.AppendMatrix(intri, "K_" + cam.Name, 3, 3, cam.Intrinsics.Matrix.ToRowMajor());
            var dist = cam.Distortion.ToOpenCv();
            OpenCvYaml.AppendMatrix(intri, "dist_" + cam.Name, 1, dist.Length, dist);
            intri.Append("H_").Append(cam.Name).Append(": ").Append(cam.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            intri.Append("W_").Append(cam.Name).Append(": ").Append(cam.Width.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            var r = cam.Rotation.ToRodrigues();
            OpenCvYaml.AppendMatrix(extri, "R_" + cam.Name, 3, 1, [r.X, r.Y, r.Z]);
            OpenCvYaml.AppendMatrix(extri, "Rot_" + cam.Name, 3, 3, cam.Rotation.ToRowMajor());
            var t = cam.Translation / 1000;
            OpenCvYaml.AppendMatrix(extri, "T_" + cam.Name, 3, 1, [t.X, t.Y, t.Z]);
        }

        AtomicFile.WriteAllText(Path.Combine(folder, IntrinsicsFile), intri.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, ExtrinsicsFile), extri.ToString());
    }

    private static Camera ReadCamera(string intriPath, string extriPath, string name, EasyMocapEntries.Entry e, CalibrationReadOptions? options, List<string> assumed)
    {
        var kKey = "K_" + name;
        var k = e.K ?? throw new PolyposeFormatException(intriPath, $"camera '{name}' is listed in names but has no {kKey} (3x3 intrinsic matrix)", place: kKey);
        ImageSize? size = e.Height != 0 && e.Width != 0 ? new ImageSize(e.Width, e.Height) : null;
        var imageSize = CameraBuilder.SizeOrDefault(intriPath, kKey, name, size, k, options, assumed, e.KLine, e.KColumn);

        Mat3? fromRodrigues = e.Rodrigues is { } rv ? Mat3.FromRodrigues(rv) : null;
        if (e.Rot is null && fromRodrigues is null)
        {
            throw new PolyposeFormatException(extriPath, $"camera '{name}' has neither Rot_{name} (3x3) nor R_{name} (Rodrigues 3x1)", place: "R_" + name);
        }

        if (e.Rot is { } a && fromRodrigues is { } b)
        {
            var diff = a.ToRowMajor().Zip(b.ToRowMajor(), (x, y) => Math.Abs(x - y)).Max();
            if (diff > RotationConsistencyTolerance)
            {
                throw new PolyposeFormatException(
                    extriPath, $"Rot_{name} and R_{name} disagree (largest element difference {diff:G3} > {RotationConsistencyTolerance:G1})", e.RotLine, e.RotColumn, "Rot_" + name);
            }
        }

        var tKey = "T_" + name;
        var t = e.T ?? throw new PolyposeFormatException(extriPath, $"camera '{name}' is listed in names but has no {tKey} (3x1 translation in metres)", place: tKey);
        return CameraBuilder.Create(
            extriPath, "Rot_" + name, name, imageSize, k, e.Rot ?? fromRodrigues!.Value, t * 1000, e.Distortion ?? [], e.TLine, e.TColumn);
    }
}
