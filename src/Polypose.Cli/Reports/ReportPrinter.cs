using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polypose.Evaluation.Metrics;
using Polypose.Evaluation.Summary;
using Spectre.Console;

namespace Polypose.Cli.Reports;

/// <summary>Prints evaluation reports as human tables (Spectre.Console) or as one JSON document.</summary>
internal static class ReportPrinter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises any report object as indented camelCase JSON.</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Writes the PCP report as a per-actor × per-part table plus bone groups.</summary>
    public static void PrintPcp(IAnsiConsole console, PcpReport report)
    {
        console.MarkupLine($"[bold]PCP, {Markup.Escape(report.Protocol)} protocol[/]: {Markup.Escape(report.Description)}");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("part");
        foreach (var actor in report.Actors)
        {
            table.AddColumn(new TableColumn($"actor {actor.ActorId + 1}").RightAligned());
        }

        var partNames = report.Actors.Count > 0 ? report.Actors[0].Parts.Select(p => p.Name).ToList() : [];
        for (var i = 0; i < partNames.Count; i++)
        {
            table.AddRow([Markup.Escape(partNames[i]), .. report.Actors.Select(a => Pct(a.Parts[i].Rate))]);
        }

        table.AddRow(["[bold]PCP[/]", .. report.Actors.Select(a => $"[bold]{Pct(a.Pcp)}[/]")]);
        table.AddRow(["instances (scored)", .. report.Actors.Select(a => $"{a.Instances} ({a.Scored})")]);
        console.Write(table);
        var ids = string.Join(", ", report.AverageActorIds.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)));
        console.MarkupLine($"[bold]Average PCP (actors {ids}): {Pct(report.Average)}[/]   Recall@{report.RecallThreshold:F0}: {Pct(report.Recall500)}");
        console.MarkupLine("bone groups: " + string.Join("  ", report.BoneGroups.Select(g => $"{Markup.Escape(g.Name)} {Pct(g.Rate)}")));
        console.WriteLine();
    }

    /// <summary>Writes the Panoptic-style pose metrics.</summary>
    public static void PrintPose(IAnsiConsole console, PoseApReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("pose AP (MPJPE thresholds, mm)");
        foreach (var e in report.Ap)
        {
            table.AddColumn(new TableColumn($"AP@{e.Threshold:F0}").RightAligned());
        }

        table.AddColumn(new TableColumn("mAP").RightAligned());
        table.AddColumn(new TableColumn($"Recall@{report.RecallThreshold:F0}").RightAligned());
        table.AddColumn(new TableColumn("MPJPE (mm)").RightAligned());
        table.AddRow([.. report.Ap.Select(e => Pct(e.Ap)), Pct(report.MeanAp), Pct(report.Recall500), Mm(report.Mpjpe)]);
        console.Write(table);
        console.MarkupLine($"{report.GtCount} ground-truth poses, {report.PredictionCount} predictions, {report.FrameCount} frames; scores: {Markup.Escape(report.ScoreSource)}");
        console.WriteLine();
    }

    /// <summary>Writes the root metrics.</summary>
    public static void PrintRoot(IAnsiConsole console, RootApReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("root (mid-hip) AP (distance thresholds, mm)");
        foreach (var e in report.Ap)
        {
            table.AddColumn(new TableColumn($"AP@{e.Threshold:F0}").RightAligned());
        }

        table.AddColumn(new TableColumn("mAP").RightAligned());
        table.AddColumn(new TableColumn($"Recall@{report.RecallThreshold:F0}").RightAligned());
        table.AddColumn(new TableColumn("MDE (mm)").RightAligned());
        table.AddRow([.. report.Ap.Select(e => Pct(e.Ap)), Pct(report.MeanAp), Pct(report.Recall500), Mm(report.Mde)]);
        console.Write(table);
        console.WriteLine();
    }

    /// <summary>Writes every part of a summary that is present.</summary>
    public static void Print(IAnsiConsole console, EvaluationSummary summary)
    {
        if (summary.PcpVoxelPose is not null)
        {
            PrintPcp(console, summary.PcpVoxelPose);
        }

        if (summary.PcpFourDAssociation is not null)
        {
            PrintPcp(console, summary.PcpFourDAssociation);
        }

        PrintPose(console, summary.Pose);
        if (summary.Root is not null)
        {
            PrintRoot(console, summary.Root);
        }

        if (summary.Tracking is not null)
        {
            Commands.Track.TrackingReportPrinter.Print(console, summary.Tracking);
        }
    }

    private static string Pct(double? v) => v is null ? "-" : (v.Value * 100).ToString("F1", CultureInfo.InvariantCulture);

    private static string Mm(double? v) => v is null ? "-" : v.Value.ToString("F1", CultureInfo.InvariantCulture);
}
