using System.Globalization;
using Polypose.Learning.Comparison;
using Spectre.Console;

namespace Polypose.Cli.Commands.Eval;

/// <summary>Prints the recall funnel (<see cref="FunnelReport"/>) of one set's rows: where each row loses true pairs.</summary>
internal static class Stage1FunnelTable
{
    /// <summary>Characters a line of the table needs (20 columns that do not wrap).</summary>
    public const int Width = 240;

    /// <summary>
    /// The console to print to: <see cref="AnsiConsole.Console"/>, or, where that is narrower than <see cref="Width"/>
    /// (a pipe or a file is 80 wide, which collapses the table to an ellipsis), one on standard output that is as wide.
    /// </summary>
    public static IAnsiConsole Console()
    {
        if (AnsiConsole.Console.Profile.Width >= Width)
        {
            return AnsiConsole.Console;
        }

        var wide = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        wide.Profile.Width = Width;
        return wide;
    }

    public static void Print(IAnsiConsole console, string set, IReadOnlyList<FunnelReport> rows)
    {
        console.MarkupLine($"{Markup.Escape(set)}: recall funnel (true pairs lost per stage, first stage that lost them)");
        var table = new Table().Border(TableBorder.Minimal);
        table.AddColumn(new TableColumn("row").NoWrap().PadLeft(0).PadRight(1));
        string[] headers = ["pairs", "no node", "slots", "merged", "no peak", "graph", "score", "decoder", "mapping", "R %", "P %", "people", "full in graph", "full eligible", "full", "partial", "mixed", "none", "x0 full"];
        foreach (var h in headers)
        {
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap().PadLeft(1).PadRight(0));
        }

        foreach (var r in rows)
        {
            string[] cells =
            [
                Markup.Escape(r.Name), I(r.TruePairs), I(r.LostNotANode), I(r.LostSlotsFull), I(r.LostMerged), I(r.LostNoPeak), I(r.LostGraph), I(r.LostScore),
                I(r.LostDecoder), I(r.LostMapping), F(100 * r.Recall), F(100 * r.Precision), I(r.People), I(r.FullTupleInGraph), I(r.FullTupleEligible),
                I(r.AcceptedFull), I(r.AcceptedPartial), I(r.AcceptedMixed), I(r.NotAccepted), r.MeanFullTupleMass is { } m ? m.ToString("F3", CultureInfo.InvariantCulture) : "-",
            ];
            table.AddRow(cells);
        }

        console.Write(table);
        console.MarkupLine("people: seen by ≥ 2 views with nodes in ≥ 2; full/partial/mixed/none: their full tuple accepted, only own-node subsets, an edge shared with another, nothing");
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
