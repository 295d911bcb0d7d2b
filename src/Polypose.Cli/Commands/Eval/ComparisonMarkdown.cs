using System.Globalization;
using System.Text;
using Polypose.Learning.Comparison;

namespace Polypose.Cli.Commands.Eval;

/// <summary>
/// <c>eval stage1 --markdown</c>: one Markdown table over every set and row, the results-table layout of README and
/// BENCHMARKS.md (association P/R/F1; root mAP, Recall@500, MDE; pose AP@25..150, mAP, Recall@500, MPJPE; PCP under
/// both protocols; frames/s). AP, recall and PCP in %, distances in mm; "–" where a metric does not apply.
/// </summary>
internal static class ComparisonMarkdown
{
    /// <summary>The table for <paramref name="results"/>, one line per row of every set, sets in order.</summary>
    public static string Table(IReadOnlyList<SetComparison> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| set | row | frames | P | R | F1 | root mAP | root R@500 | root MDE | AP25 | AP50 | AP100 | AP150 | pose mAP | pose R@500 | MPJPE | PCP | PCP 4DA | frames/s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var set in results)
        {
            foreach (var row in set.Rows)
            {
                var cells = new List<string> { set.Set, row.Name, set.Frames.ToString(CultureInfo.InvariantCulture) };
                cells.AddRange(row.Association is { } a ? [Pct(a.Precision), Pct(a.Recall), Pct(a.F1)] : ["–", "–", "–"]);
                cells.Add(Pct(row.Root.MeanAp));
                cells.Add(Pct(row.Root.Recall500));
                cells.Add(Mm(row.Root.Mde));
                if (row.Pose is { } pose)
                {
                    foreach (var t in (double[])[25, 50, 100, 150])
                    {
                        cells.Add(pose.Ap.Ap.FirstOrDefault(e => e.Threshold == t) is { } e ? Pct(e.Ap) : "–");
                    }

                    cells.Add(Pct(pose.Ap.MeanAp));
                    cells.Add(Pct(pose.Ap.Recall500));
                    cells.Add(Mm(pose.Ap.Mpjpe));
                    cells.Add(pose.PcpVoxelPose?.Average is { } p ? Pct(p) : "–");
                    cells.Add(pose.PcpFourDAssociation?.Average is { } q ? Pct(q) : "–");
                }
                else
                {
                    cells.AddRange(Enumerable.Repeat("–", 9));
                }

                cells.Add(row.FramesPerSecond.ToString("F1", CultureInfo.InvariantCulture));
                text.Append("| ").Append(string.Join(" | ", cells)).AppendLine(" |");
            }
        }

        return text.ToString();
    }

    private static string Pct(double value) => EvalStage1Command.Pct(value);

    private static string Mm(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "–";
}
