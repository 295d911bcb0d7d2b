using System.Globalization;
using Polypose.Evaluation.Tracking;
using Spectre.Console;

namespace Polypose.Cli.Commands.Track;

/// <summary>Prints a <see cref="TrackingReport"/> as tables.</summary>
internal static class TrackingReportPrinter
{
    public static void Print(IAnsiConsole console, TrackingReport r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"tracking (correspondence: mean joint distance < {r.ThresholdMm:F0} mm)");
        foreach (var name in new[] { "MOTA", "IDF1", "IDP", "IDR", "ID switches", "FP", "FN", "matches", "MOTP (mm)" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        table.AddRow(Pct(r.Mota), Pct(r.Idf1), Pct(r.IdPrecision), Pct(r.IdRecall), Int(r.IdSwitches), Int(r.FalsePositives), Int(r.Misses), Int(r.Matches), r.MotpMm.ToString("F1", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine("per ground-truth id (instances, matched, id switches, mapped predicted id): " + string.Join("  ", r.People.Select(p =>
            $"{p.GtId}: {p.Instances}/{p.Matches}/{p.IdSwitches}/{p.PredictedId}")));
        console.WriteLine();
    }

    private static string Pct(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
