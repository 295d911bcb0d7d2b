using System.Xml;
using System.Xml.Linq;
using Polypose.Formats.Input;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Qualisys QTM calibration export (<c>.qca.txt</c>, XML): <c>&lt;calibration&gt;&lt;cameras&gt;&lt;camera serial=..&gt;</c>
/// with <c>fov_video</c> (inclusive pixel bounds), <c>transform</c> (camera position x, y, z in millimetres and
/// r11..r33, whose rows are the camera's QTM axes in world coordinates) and <c>intrinsic</c> (focal lengths, principal
/// point and distortion in QTM sub-pixel units, 1/64 pixel). QTM cameras look along their −z with y up; Polypose's
/// cameras look along +z with y down, so R_w2c = diag(1, −1, −1)·[r], t = −R_w2c·C. Image size is
/// (right − left + 1) × (bottom − top + 1); the principal point is shifted by the <c>fov_video</c> left/top.
/// World z-up, millimetres. Read only.
/// </summary>
public static class QualisysCalibration
{
    /// <summary>QTM sub-pixel units per pixel.</summary>
    public const double SubPixelsPerPixel = 64;

    /// <summary>Whether text looks like a QTM calibration export (an XML document whose root is &lt;calibration&gt; with cameras).</summary>
    public static bool LooksLikeQualisys(string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return t.StartsWith('<') && t.Contains("<calibration", StringComparison.Ordinal) && t.Contains("<camera", StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads a file; throws <see cref="PolyposeFormatException"/> naming the file, line and attribute for bad content.
    /// Streams it twice, never holding the whole: one pass checks that it is well-formed XML (so that a syntax error
    /// anywhere is reported before any camera's), the second builds one small element per camera.
    /// </summary>
    public static CameraRig Read(string path, CalibrationReadOptions? options = null)
    {
        try
        {
            using var check = Open(path);
            var checkPacer = new CollectionPacer();
            while (check.Read())
            {
                checkPacer.Step();
            }
        }
        catch (XmlException ex)
        {
            throw new PolyposeFormatException(path, "not well-formed XML: " + FirstSentence(ex.Message), ex.LineNumber > 0 ? ex.LineNumber : null, ex.LinePosition > 0 ? ex.LinePosition : null);
        }

        using var reader = Open(path);
        reader.MoveToContent();
        var info = (IXmlLineInfo)reader;
        var rootName = reader.LocalName;
        var rootAt = (info.LineNumber, info.LinePosition);
        if (rootName != "calibration")
        {
            throw Error(path, rootAt, $"expected a <calibration> root element, got <{rootName}>");
        }

        var cams = new List<Camera>();
        if (!ToChild(reader, 1, "cameras"))
        {
            throw Error(path, rootAt, "no <cameras> element");
        }

        var pacer = new CollectionPacer();
        while (ToChild(reader, 2, "camera"))
        {
            pacer.Step();
            using var subtree = reader.ReadSubtree();
            var c = XElement.Load(subtree, LoadOptions.SetLineInfo);
            if (Attr(c, "active") is { } active && active.Value.Trim() == "0")
            {
                continue;
            }

            cams.Add(ReadCamera(path, c));
        }

        return CameraBuilder.Finish(path, cams, options);
    }

    /// <summary>The file as XML, with the settings of <see cref="XDocument.Parse(string, LoadOptions)"/>.</summary>
    private static XmlReader Open(string path) =>
        XmlReader.Create(
            InputFile.OpenText(path, InputLimits.CalibrationBytes, "calibration"),
            new XmlReaderSettings { IgnoreWhitespace = true, DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 10_000_000, CloseInput = true });

    /// <summary>Moves to the next element at <paramref name="depth"/> named <paramref name="name"/> (no namespace) inside the current parent; false at the parent's end.</summary>
    private static bool ToChild(XmlReader reader, int depth, string name)
    {
        while (reader.Read())
        {
            if (reader.Depth < depth)
            {
                return false;
            }

            if (reader.Depth == depth && reader.NodeType == XmlNodeType.Element && reader.LocalName == name && reader.NamespaceURI.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Camera ReadCamera(string file, XElement c)
    {
        var name = (Attr(c, "serial") ?? throw Error(file, c, "camera has no serial attribute (the camera name)")).Value.Trim();
        if (name.Length == 0)
        {
            throw Error(file, c, "camera serial (name) is empty");
        }

        var place = $"camera '{name}'";
        var fov = Child(file, c, "fov_video", name);
        var left = Number(file, fov, "left", name);
        var top = Number(file, fov, "top", name);
        var width = Number(file, fov, "right", name) - left + 1;
        var height = Number(file, fov, "bottom", name) - top + 1;
        if (width <= 0 || height <= 0 || width != Math.Floor(width) || height != Math.Floor(height))
        {
            throw Error(file, fov, $"camera '{name}': fov_video gives a bad image size {width}x{height}");
        }

        var tr = Child(file, c, "transform", name);
        var centre = new Vec3(Number(file, tr, "x", name), Number(file, tr, "y", name), Number(file, tr, "z", name));
        Span<double> r = stackalloc double[9];
        for (var i = 0; i < 9; i++)
        {
            r[i] = Number(file, tr, $"r{(i / 3) + 1}{(i % 3) + 1}", name);
        }

        var qtm = Mat3.FromRowMajor(r);
        if (!qtm.IsRotation(1e-4))
        {
            throw Error(file, tr, $"camera '{name}': r11..r33 is not a rotation (orthonormality error {qtm.OrthonormalityError():G3}, determinant {qtm.Determinant():G4})");
        }

        var rotation = new Mat3(1, 0, 0, 0, -1, 0, 0, 0, -1) * qtm;
        var translation = -(rotation * centre);

        var intr = Child(file, c, "intrinsic", name);
        var fx = Number(file, intr, "focalLengthU", name) / SubPixelsPerPixel;
        var fy = Number(file, intr, "focalLengthV", name) / SubPixelsPerPixel;
        var cx = (Number(file, intr, "centerPointU", name) / SubPixelsPerPixel) - left;
        var cy = (Number(file, intr, "centerPointV", name) / SubPixelsPerPixel) - top;
        var skew = Optional(file, intr, "skew", name) / SubPixelsPerPixel;
        double[] dist =
        [
            Optional(file, intr, "radialDistortion1", name) / SubPixelsPerPixel,
            Optional(file, intr, "radialDistortion2", name) / SubPixelsPerPixel,
            Optional(file, intr, "tangentalDistortion1", name) / SubPixelsPerPixel,
            Optional(file, intr, "tangentalDistortion2", name) / SubPixelsPerPixel,
            Optional(file, intr, "radialDistortion3", name) / SubPixelsPerPixel,
        ];
        var k = new Mat3(fx, skew, cx, 0, fy, cy, 0, 0, 1);
        var line = LineOf(c);
        return CameraBuilder.Create(file, place, name, new ImageSize((int)width, (int)height), k, rotation, translation, dist, line);
    }

    private static XElement Child(string file, XElement camera, string child, string name) =>
        camera.Element(child) ?? throw Error(file, camera, $"camera '{name}' has no <{child}> element");

    private static XAttribute? Attr(XElement e, string name) => e.Attribute(name);

    private static double Number(string file, XElement e, string attribute, string name)
    {
        var a = Attr(e, attribute) ?? throw Error(file, e, $"camera '{name}': <{e.Name.LocalName}> has no {attribute} attribute");
        return Parse(file, a, name);
    }

    private static double Optional(string file, XElement e, string attribute, string name) =>
        Attr(e, attribute) is { } a ? Parse(file, a, name) : 0;

    private static double Parse(string file, XAttribute a, string name)
    {
        if (!CalibrationNumbers.TryParseFinite(a.Value.Trim(), out var v))
        {
            var li = (IXmlLineInfo)a;
            throw new PolyposeFormatException(
                file,
                $"camera '{name}': {a.Parent?.Name.LocalName}.{a.Name.LocalName} is not a finite number (\"{a.Value}\")",
                li.HasLineInfo() ? li.LineNumber : null,
                li.HasLineInfo() ? li.LinePosition : null);
        }

        return v;
    }

    private static int? LineOf(XObject o) => o is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

    private static PolyposeFormatException Error(string file, (int Line, int Position) at, string problem) =>
        new(file, problem, at.Line > 0 ? at.Line : null, at.Line > 0 ? at.Position : null);

    private static PolyposeFormatException Error(string file, XElement at, string problem)
    {
        var li = (IXmlLineInfo)at;
        return new PolyposeFormatException(file, problem, li.HasLineInfo() ? li.LineNumber : null, li.HasLineInfo() ? li.LinePosition : null);
    }

    private static string FirstSentence(string m)
    {
        var i = m.IndexOf(" Line ", StringComparison.Ordinal);
        return (i > 0 ? m[..i] : m).TrimEnd('.', ',', ' ');
    }

}
