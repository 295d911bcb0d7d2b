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

        var intri = OpenCvYaml.Load(intriPath);
        var extri = OpenCvYaml.Load(extriPath);
        var names = Names(intriPath, intri);
        var cams = new List<Camera>(names.Count);
        var assumed = new List<string>();
        var pacer = new CollectionPacer();
        foreach (var name in names)
        {
            pacer.Step();
            cams.Add(ReadCamera(intriPath, extriPath, intri, extri, name, options, assumed));
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

    private static List<string> Names(string file, OpenCvMapping intri)
    {
        if (!OpenCvYaml.TryGet(intri, "names", out var node))
        {
            // Older files have no names list: take the K_ entries in file order.
            var fromKeys = OpenCvYaml.Keys(intri).Where(k => k.StartsWith("K_", StringComparison.Ordinal) && k.Length > 2).Select(k => k[2..]).ToList();
            return fromKeys.Count > 0 ? fromKeys : throw new PolyposeFormatException(file, "no 'names' list and no K_<camera> entries: not an EasyMocap intri.yml", 1, 1);
        }

        if (node is not OpenCvSequence seq)
        {
            throw OpenCvYaml.Error(file, node, "expected 'names' to be a list of camera names", "names");
        }

        var names = new List<string>();
        foreach (var item in seq.Items)
        {
            if (item is not OpenCvScalar s || string.IsNullOrEmpty(s.Value))
            {
                throw OpenCvYaml.Error(file, item, "expected a non-empty camera name", "names");
            }

            names.Add(s.Value);
        }

        return names;
    }

    private static Camera ReadCamera(string intriPath, string extriPath, OpenCvMapping intri, OpenCvMapping extri, string name, CalibrationReadOptions? options, List<string> assumed)
    {
        OpenCvYamlNode Need(string file, OpenCvMapping map, string key, string what) =>
            OpenCvYaml.TryGet(map, key, out var n)
                ? n
                : throw new PolyposeFormatException(file, $"camera '{name}' is listed in names but has no {key} ({what})", place: key);

        var kKey = "K_" + name;
        var kNode = Need(intriPath, intri, kKey, "3x3 intrinsic matrix");
        var k = Mat3.FromRowMajor(OpenCvYaml.Matrix(intriPath, kNode, kKey, 3, 3));
        try
        {
            _ = Intrinsics.FromMatrix(k);
        }
        catch (ArgumentException ex)
        {
            throw OpenCvYaml.Error(intriPath, kNode, $"camera '{name}': bad intrinsic matrix: {CameraBuilder.Clean(ex)}", kKey);
        }

        var dist = OpenCvYaml.TryGet(intri, "dist_" + name, out var dNode)
            ? OpenCvYaml.Vector(intriPath, dNode, "dist_" + name, 4, 5, 8, 12, 14)
            : [];
        var h = Dimension(intriPath, intri, "H_" + name);
        var w = Dimension(intriPath, intri, "W_" + name);
        ImageSize? size = h is not null && w is not null ? new ImageSize(w.Value, h.Value) : null;
        var imageSize = CameraBuilder.SizeOrDefault(intriPath, kKey, name, size, k, options, assumed, kNode.Line, kNode.Column);

        Mat3? fromRot = null;
        if (OpenCvYaml.TryGet(extri, "Rot_" + name, out var rotNode))
        {
            fromRot = Mat3.FromRowMajor(OpenCvYaml.Matrix(extriPath, rotNode, "Rot_" + name, 3, 3));
        }

        Mat3? fromRodrigues = null;
        if (OpenCvYaml.TryGet(extri, "R_" + name, out var rNode))
        {
            var rv = OpenCvYaml.Vector(extriPath, rNode, "R_" + name, 3);
            fromRodrigues = Mat3.FromRodrigues(new Vec3(rv[0], rv[1], rv[2]));
        }

        if (fromRot is null && fromRodrigues is null)
        {
            throw new PolyposeFormatException(extriPath, $"camera '{name}' has neither Rot_{name} (3x3) nor R_{name} (Rodrigues 3x1)", place: "R_" + name);
        }

        if (fromRot is { } a && fromRodrigues is { } b)
        {
            var diff = a.ToRowMajor().Zip(b.ToRowMajor(), (x, y) => Math.Abs(x - y)).Max();
            if (diff > RotationConsistencyTolerance)
            {
                throw OpenCvYaml.Error(extriPath, rotNode, $"Rot_{name} and R_{name} disagree (largest element difference {diff:G3} > {RotationConsistencyTolerance:G1})", "Rot_" + name);
            }
        }

        var tKey = "T_" + name;
        var tNode = Need(extriPath, extri, tKey, "3x1 translation in metres");
        var t = OpenCvYaml.Vector(extriPath, tNode, tKey, 3);
        return CameraBuilder.Create(
            extriPath, "Rot_" + name, name, imageSize, k, fromRot ?? fromRodrigues!.Value, new Vec3(t[0], t[1], t[2]) * 1000, dist, tNode.Line, tNode.Column);
    }

    private static int? Dimension(string file, OpenCvMapping map, string key)
    {
        if (!OpenCvYaml.TryGet(map, key, out var node))
        {
            return null;
        }

        var v = node is OpenCvMapping or OpenCvMatrix ? OpenCvYaml.Matrix(file, node, key, 1, 1)[0] : OpenCvYaml.Number(file, node, key);
        return v >= 1 && v <= int.MaxValue && v == Math.Floor(v) ? (int)v : throw OpenCvYaml.Error(file, node, $"expected a positive integer image dimension, got {v}", key);
    }
}
