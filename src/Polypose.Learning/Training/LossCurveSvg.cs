using System.Globalization;
using System.Text;

namespace Polypose.Learning.Training;

/// <summary>An SVG line chart of the training loss per step (total, X and U), with a moving average of the total.</summary>
public static class LossCurveSvg
{
    /// <summary>Renders the chart of <paramref name="entries"/> (skipped steps left out).</summary>
    public static string Render(IReadOnlyList<TrainingLogEntry> entries, string title)
    {
        ArgumentNullException.ThrowIfNull(entries);
        const double W = 720, H = 360, L = 60, R = 20, T = 30, B = 40;
        var used = entries.Where(e => !e.Skipped && double.IsFinite(e.Loss)).ToArray();
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.Append(ci, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(ci, $"<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n<text x=\"{L}\" y=\"18\">{System.Security.SecurityElement.Escape(title)}</text>\n");
        if (used.Length > 0)
        {
            double maxStep = used[^1].Step, minStep = used[0].Step;
            var maxLoss = used.Max(e => Math.Max(e.Loss, Math.Max(e.X, e.U) * 0.5));
            maxLoss = maxLoss > 0 ? maxLoss : 1;
            double X(double s) => L + ((W - L - R) * (maxStep > minStep ? (s - minStep) / (maxStep - minStep) : 0));
            double Y(double v) => T + ((H - T - B) * (1 - Math.Clamp(v / maxLoss, 0, 1)));
            void Line(IEnumerable<(double S, double V)> pts, string color, double width)
            {
                sb.Append(ci, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\" points=\"");
                foreach (var (s, v) in pts)
                {
                    sb.Append(ci, $"{X(s):F1},{Y(v):F1} ");
                }

                sb.Append("\"/>\n");
            }

            Line(used.Select(e => ((double)e.Step, e.Loss)), "#bbbbbb", 1);
            var window = Math.Max(1, used.Length / 50);
            Line(used.Select((e, i) => ((double)e.Step, used.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Average(x => x.Loss))), "#1f77b4", 2);
            sb.Append(ci, $"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"black\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"black\"/>\n");
            sb.Append(ci, $"<text x=\"{L}\" y=\"{H - 20}\">step {minStep:F0}</text><text x=\"{W - R - 80}\" y=\"{H - 20}\">step {maxStep:F0}</text>\n");
            sb.Append(ci, $"<text x=\"4\" y=\"{T + 4}\">{maxLoss:G3}</text><text x=\"4\" y=\"{H - B}\">0</text>\n");
            sb.Append(ci, $"<text x=\"{W - R - 260}\" y=\"18\" fill=\"#1f77b4\">0.5·X + 0.25·U (moving mean of {window})</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
