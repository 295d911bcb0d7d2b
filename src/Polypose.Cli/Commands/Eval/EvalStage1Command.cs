using System.CommandLine;
using System.Globalization;
using Polypose.Association;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Learning;
using Polypose.Learning.Comparison;
using Polypose.Learning.Training;
using Polypose.Reconstruction;
using Spectre.Console;

namespace Polypose.Cli.Commands.Eval;

/// <summary><c>polypose eval stage1</c>: the teacher and (with --model) the learned Stage I side by side on the held-out sets.</summary>
internal static class EvalStage1Command
{
    /// <summary>The name of the teacher's row.</summary>
    public const string TeacherRow = "teacher";

    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = $"Stage I model file: adds the learned row ('{LearnedAssigner.TeacherSelfCheck}' = the teacher again, a self-check)." };
        var sets = new Option<string?>("--sets") { Description = $"Comma-separated sets: {string.Join(", ", HeldOutSets.Names)} (default: the synthetic ones, plus the others with --data)." };
        var data = new Option<string?>("--data") { Description = $"Shared data folder holding {HeldOutSets.PanopticFolder}/ and {HeldOutSets.ShelfFolder}/ (needed by cmu* and shelf)." };
        var frames = new Option<int?>("--frames") { Description = "Keep only the first N frames of every scene (quick runs)." };
        frames.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError($"--frames must be at least 1, got {r.GetValueOrDefault<int?>()}");
            }
        });
        var funnel = new Option<bool>("--funnel") { Description = "Instead of the scores, count where the teacher and the model lose true pairs (recall funnel; sets with true identities)." };
        var json = SharedOptions.Json("Print one JSON document (every row's full reports) instead of tables.");
        var command = new Command("stage1", "Score the teacher (exact association) and a learned Stage I model side by side on the held-out sets: association P/R/F1, root AP/Recall@500/MDE, Shelf PCP.")
        {
            model, sets, data, frames, funnel, json,
        };
        command.SetAction(parse =>
        {
            var dataRoot = parse.GetValue(data);
            if (dataRoot is not null && !Directory.Exists(dataRoot))
            {
                throw new UserError($"{dataRoot}: no such folder (expected {HeldOutSets.PanopticFolder}/ and {HeldOutSets.ShelfFolder}/ inside)");
            }

            var names = SetNames(parse.GetValue(sets), dataRoot);
            if (parse.GetValue(funnel) && names.Contains(HeldOutSets.ShelfName))
            {
                throw new UserError($"--funnel: set '{HeldOutSets.ShelfName}' has no true identities (name the synthetic or cmu sets with --sets)");
            }
            var options = new ReconstructionOptions();
            var rows = new List<AssignerRow> { new(TeacherRow, () => new CrossViewAssociator(options.Association, options.Anatomy)) };
            if (parse.GetValue(model) is { } path)
            {
                rows.Add(new AssignerRow(path == LearnedAssigner.TeacherSelfCheck ? "self-check" : "learned", LearnedAssigner.Load(path, options)));
            }

            var results = new List<SetComparison>();
            var funnels = new List<object>();
            var funnelModel = parse.GetValue(funnel) && parse.GetValue(model) is { } m && m != LearnedAssigner.TeacherSelfCheck ? Stage1Model.Load(m) : null;
            var asJson = parse.GetValue(json);
            foreach (var name in names)
            {
                var set = HeldOutSets.Build(name, dataRoot);
                if (parse.GetValue(frames) is { } n)
                {
                    set = set.Take(n);
                }

                if (parse.GetValue(funnel))
                {
                    var counts = Stage1Funnel.Run(set, funnelModel, options);
                    funnels.Add(new { set = name, rows = counts });
                    if (!asJson)
                    {
                        Stage1FunnelTable.Print(AnsiConsole.Console, name, counts);
                    }

                    continue;
                }

                var result = TeacherComparison.Run(set, rows, options);
                results.Add(result);
                if (!asJson)
                {
                    Print(AnsiConsole.Console, result);
                }
            }

            if (asJson)
            {
                Console.Out.WriteLine(ReportPrinter.ToJson(parse.GetValue(funnel) ? new { model = parse.GetValue(model), funnel = funnels } : (object)new { model = parse.GetValue(model), sets = results }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> SetNames(string? list, string? dataRoot)
    {
        if (list is null)
        {
            return [.. dataRoot is null ? HeldOutSets.SyntheticNames : HeldOutSets.Names];
        }

        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var n in names)
        {
            if (!HeldOutSets.Names.Contains(n))
            {
                throw new UserError($"--sets: unknown set '{n}'; known: {string.Join(", ", HeldOutSets.Names)}");
            }

            if (HeldOutSets.NeedsData(n) && dataRoot is null)
            {
                throw new UserError($"--sets: set '{n}' needs --data (the folder holding {HeldOutSets.PanopticFolder}/ and {HeldOutSets.ShelfFolder}/)");
            }
        }

        return names.Count > 0 ? names : throw new UserError("--sets: no set named");
    }

    private static void Print(IAnsiConsole console, SetComparison result)
    {
        console.MarkupLine($"{Markup.Escape(result.Set)}: {Markup.Escape(result.Description)}; {result.Scenes} scene(s), {result.Frames} frames");
        var shelf = result.Rows.Any(r => r.PcpVoxelPose is not null);
        var association = result.Rows.Any(r => r.Association is not null);
        var table = new Table().Border(TableBorder.Minimal);
        table.AddColumn(new TableColumn("row").NoWrap().PadLeft(0).PadRight(1));
        if (association)
        {
            foreach (var c in (string[])["P", "R", "F1"])
            {
                table.AddColumn(Column(c));
            }
        }

        foreach (var c in (string[])["AP25", "AP50", "AP100", "AP150", "R500", "MDE"])
        {
            table.AddColumn(Column(c));
        }

        if (shelf)
        {
            table.AddColumn(Column("PCP"));
            table.AddColumn(Column("PCP4DA"));
        }

        table.AddColumn(Column("fps"));
        foreach (var row in result.Rows)
        {
            var cells = new List<string> { Markup.Escape(row.Name) };
            if (association)
            {
                cells.AddRange(row.Association is { } a ? [Pct(a.Precision), Pct(a.Recall), Pct(a.F1)] : ["-", "-", "-"]);
            }

            foreach (var t in (double[])[25, 50, 100, 150])
            {
                cells.Add(row.Root.Ap.FirstOrDefault(e => e.Threshold == t) is { } e ? Pct(e.Ap) : "-");
            }

            cells.Add(Pct(row.Root.Recall500));
            cells.Add(row.Root.Mde is { } mde ? mde.ToString("F1", CultureInfo.InvariantCulture) : "-");
            if (shelf)
            {
                cells.Add(row.PcpVoxelPose?.Average is { } p ? Pct(p) : "-");
                cells.Add(row.PcpFourDAssociation?.Average is { } q ? Pct(q) : "-");
            }

            cells.Add(row.FramesPerSecond.ToString("F0", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }

        console.Write(table);
        console.MarkupLine("P/R/F1: pairwise association (%), AP/R500: root AP and Recall@500 (%), MDE: root distance (mm), fps: frames/s, one thread");
    }

    private static TableColumn Column(string header) => new TableColumn(header).RightAligned().NoWrap().PadLeft(1).PadRight(0);

    private static string Pct(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture);
}
