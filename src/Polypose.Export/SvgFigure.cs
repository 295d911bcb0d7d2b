using System.Globalization;
using System.Security;
using System.Text;
using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Export;

/// <summary>
/// Renders one frame as an SVG figure: for every camera, the 2D detections (grey) and the reprojected 3D people
/// (coloured by id) inside the image rectangle, plus a bird's-eye panel (world x right, y up; mm) with the cameras.
/// Pure text output, no image libraries; deterministic for the same input.
/// </summary>
public static class SvgFigure
{
    private static readonly string[] Palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#800000"];

    /// <summary>The colour used for a person id (stable across frames).</summary>
    public static string ColorOf(int id) => Palette[((id % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>
    /// Renders <paramref name="people"/> (world mm) over <paramref name="cameras"/>; <paramref name="detections"/>[v], when
    /// given, lists the 2D persons of view v (original pixels) drawn underneath in grey.
    /// </summary>
    public static string Render(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<Person3D> people,
        IReadOnlyList<IReadOnlyList<Person2D>>? detections = null,
        SvgFigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(people);
        options ??= new SvgFigureOptions();
        var columns = Math.Max(1, options.Columns);
        var panels = cameras.Count + (options.TopView ? 1 : 0);
        var rows = (panels + columns - 1) / columns;
        var w = options.PanelWidth;
        var aspect = cameras.Count > 0 ? cameras.Max(c => (double)c.Height / c.Width) : 0.75;
        var h = w * aspect;
        const double gap = 12, label = 18;
        var totalW = (columns * (w + gap)) + gap;
        var captionH = options.Caption is null ? 0 : 24;
        var totalH = (rows * (h + gap + label)) + gap + captionH;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{totalW:F0}\" height=\"{totalH:F0}\" viewBox=\"0 0 {totalW:F1} {totalH:F1}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        sb.Append(Inv($"<rect width=\"{totalW:F1}\" height=\"{totalH:F1}\" fill=\"#ffffff\"/>\n"));
        for (var v = 0; v < cameras.Count; v++)
        {
            var (x0, y0) = Origin(v, columns, w, h, gap, label);
            CameraPanel(sb, v, cameras[v], people, detections is not null && v < detections.Count ? detections[v] : null, x0, y0, w, h);
        }

        if (options.TopView)
        {
            var (x0, y0) = Origin(cameras.Count, columns, w, h, gap, label);
            TopPanel(sb, cameras, people, x0, y0, w, h, options.TopViewHalfExtent);
        }

        if (options.Caption is not null)
        {
            sb.Append(Inv($"<text x=\"{gap:F1}\" y=\"{totalH - 8:F1}\" fill=\"#333\">{SecurityElement.Escape(options.Caption)}</text>\n"));
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static (double X, double Y) Origin(int panel, int columns, double w, double h, double gap, double label) =>
        (gap + ((panel % columns) * (w + gap)), gap + label + ((panel / columns) * (h + gap + label)));

    private static void CameraPanel(StringBuilder sb, int index, Camera camera, IReadOnlyList<Person3D> people, IReadOnlyList<Person2D>? detections, double x0, double y0, double w, double h)
    {
        var s = Math.Min(w / camera.Width, h / camera.Height);
        sb.Append(Inv($"<text x=\"{x0:F1}\" y=\"{y0 - 5:F1}\" fill=\"#333\">camera {SecurityElement.Escape(camera.Name)} ({camera.Width}x{camera.Height})</text>\n"));
        sb.Append(Inv($"<rect x=\"{x0:F1}\" y=\"{y0:F1}\" width=\"{camera.Width * s:F1}\" height=\"{camera.Height * s:F1}\" fill=\"#f4f4f4\" stroke=\"#999\"/>\n"));
        sb.Append(Inv($"<clipPath id=\"view{index}\"><rect x=\"{x0:F1}\" y=\"{y0:F1}\" width=\"{camera.Width * s:F1}\" height=\"{camera.Height * s:F1}\"/></clipPath>\n<g clip-path=\"url(#view{index})\">\n"));
        Vec2 Map(Vec2 p) => new(x0 + (p.X * s), y0 + (p.Y * s));
        if (detections is not null)
        {
            foreach (var d in detections)
            {
                foreach (var (a, b) in d.Skeleton.Bones)
                {
                    if (d.Joints[a].IsPresent && d.Joints[b].IsPresent)
                    {
                        Line(sb, Map(new Vec2(d.Joints[a].X, d.Joints[a].Y)), Map(new Vec2(d.Joints[b].X, d.Joints[b].Y)), "#9a9a9a", 3.5, 0.6);
                    }
                }
            }
        }

        foreach (var p in people)
        {
            var color = ColorOf(p.Id);
            foreach (var (a, b) in p.Skeleton.Bones)
            {
                if (!p.Has(a) || !p.Has(b))
                {
                    continue;
                }

                var pa = camera.Project(p.Joints[a]);
                var pb = camera.Project(p.Joints[b]);
                if (pa.InFront && pb.InFront && (pa.InImage || pb.InImage))
                {
                    Line(sb, Map(pa.Pixel), Map(pb.Pixel), color, 1.6, 1);
                }
            }
        }

        sb.Append("</g>\n");
    }

    private static void TopPanel(StringBuilder sb, IReadOnlyList<Camera> cameras, IReadOnlyList<Person3D> people, double x0, double y0, double w, double h, double halfExtent)
    {
        sb.Append(Inv($"<text x=\"{x0:F1}\" y=\"{y0 - 5:F1}\" fill=\"#333\">top view (world x-y, mm)</text>\n"));
        sb.Append(Inv($"<rect x=\"{x0:F1}\" y=\"{y0:F1}\" width=\"{w:F1}\" height=\"{h:F1}\" fill=\"#fbfbf4\" stroke=\"#999\"/>\n"));
        var pts = cameras.Select(c => c.Center).Concat(people.SelectMany(p => p.Joints.Where((_, j) => p.Has(j)))).ToList();
        if (pts.Count == 0)
        {
            return;
        }

        var cx = (pts.Min(p => p.X) + pts.Max(p => p.X)) / 2;
        var cy = (pts.Min(p => p.Y) + pts.Max(p => p.Y)) / 2;
        var half = halfExtent > 0 ? halfExtent : (Math.Max(pts.Max(p => p.X) - pts.Min(p => p.X), pts.Max(p => p.Y) - pts.Min(p => p.Y)) / 2 * 1.1) + 1;
        var s = Math.Min(w, h) / (2 * half);
        Vec2 Map(Vec3 p) => new(x0 + (w / 2) + ((p.X - cx) * s), y0 + (h / 2) - ((p.Y - cy) * s));
        foreach (var c in cameras)
        {
            var m = Map(c.Center);
            var tip = Map(c.Center + (c.Forward with { Z = 0 }).Normalized() * (0.08 * half));
            sb.Append(Inv($"<circle cx=\"{m.X:F1}\" cy=\"{m.Y:F1}\" r=\"4\" fill=\"#333\"/>\n"));
            Line(sb, m, tip, "#333", 1.5, 1);
            sb.Append(Inv($"<text x=\"{m.X + 6:F1}\" y=\"{m.Y - 4:F1}\" fill=\"#333\" font-size=\"10\">{SecurityElement.Escape(c.Name)}</text>\n"));
        }

        foreach (var p in people)
        {
            foreach (var (a, b) in p.Skeleton.Bones)
            {
                if (p.Has(a) && p.Has(b))
                {
                    Line(sb, Map(p.Joints[a]), Map(p.Joints[b]), ColorOf(p.Id), 1.6, 1);
                }
            }
        }
    }

    private static void Line(StringBuilder sb, Vec2 a, Vec2 b, string color, double width, double opacity) =>
        sb.Append(Inv($"<line x1=\"{a.X:F1}\" y1=\"{a.Y:F1}\" x2=\"{b.X:F1}\" y2=\"{b.Y:F1}\" stroke=\"{color}\" stroke-width=\"{width:F1}\" stroke-opacity=\"{opacity:F2}\" stroke-linecap=\"round\"/>\n"));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
