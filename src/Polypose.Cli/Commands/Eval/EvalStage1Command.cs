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
        var model = new Option<string[]>("--model", "-m")
        {
            Description = $"Model file or shipped model name (models/NAME.safetensors), repeatable: each adds a learned row. A Stage I model associates (body triangulated as the teacher's); a full model (--stages 1+2) also gives the joints (Stage II decoder). '{LearnedAssigner.TeacherSelfCheck}' = the teacher again, a self-check.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var sets = new Option<string?>("--sets") { Description = $"Comma-separated sets: {string.Join(", ", AllNames)} (default: the synthetic ones and the view-count scaling, plus the others with --data)." };
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
        var markdown = new Option<bool>("--markdown") { Description = "Print one Markdown results table over every set and row (association, root and pose metrics) instead of the per-set tables." };
        var command = new Command("stage1", "Score the teacher and learned DisPOSE models (Stage I or full) side by side on the held-out sets: association P/R/F1, root AP/Recall@500/MDE, pose AP/Recall@500/MPJPE and PCP (both protocols).")
        {
            model, sets, data, frames, funnel, json, markdown,
        };
        command.SetAction(parse =>
        {
            var dataRoot = parse.GetValue(data);
            if (dataRoot is not null && !Directory.Exists(dataRoot))
            {
                throw new UserError($"{dataRoot}: no such folder (expected {HeldOutSets.PanopticFolder}/ and {HeldOutSets.ShelfFolder}/ inside)");
            }

            var asJson = parse.GetValue(json);
            var asMarkdown = parse.GetValue(markdown);
            if (asJson && asMarkdown)
            {
                throw new UserError("--json and --markdown exclude each other");
            }

            var names = SetNames(parse.GetValue(sets), dataRoot);
            if (parse.GetValue(funnel) && names.Contains(HeldOutSets.ShelfName))
            {
                throw new UserError($"--funnel: set '{HeldOutSets.ShelfName}' has no true identities (name the synthetic or cmu sets with --sets)");
            }
            var options = new ReconstructionOptions();
            var rows = new List<AssignerRow> { new(TeacherRow, () => new CrossViewAssociator(options.Association, options.Anatomy)) };
            var models = parse.GetValue(model) ?? [];
            foreach (var m in models)
            {
                var name = m == LearnedAssigner.TeacherSelfCheck ? "self-check" : models.Length == 1 ? "learned" : $"learned {m}";
                rows.Add(LearnedAssigner.Row(name, m, options));
            }

            if (models.Length > 0)
            {
                // One thread per row, as the teacher's (the frames/s column is single-threaded).
                Tensors.Kernels.TensorThreads.Count = 1;
            }

            var results = new List<SetComparison>();
            var funnels = new List<object>();
            var funnelModel = FunnelModel(parse.GetValue(funnel), models);
            var funnelConsole = parse.GetValue(funnel) && !asJson ? Stage1FunnelTable.Console() : null;
            foreach (var name in names)
            {
                var set = Build(name, dataRoot);
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
                        Stage1FunnelTable.Print(funnelConsole!, name, counts);
                    }

                    continue;
                }

                var result = TeacherComparison.Run(set, rows, options);
                results.Add(result);
                if (!asJson && !asMarkdown)
                {
                    Print(AnsiConsole.Console, result);
                }
            }

            if (asJson)
            {
                Console.Out.WriteLine(ReportPrinter.ToJson(parse.GetValue(funnel) ? new { models, funnel = funnels } : (object)new { models, sets = results }));
            }
            else if (asMarkdown && !parse.GetValue(funnel))
            {
                Console.Out.Write(ComparisonMarkdown.Table(results));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every set name: the held-out sets, then the view-count scaling.</summary>
    /// <summary>The Stage I model the funnel scores (a full model's Stage I), or null for the teacher alone.</summary>
    private static Stage1Model? FunnelModel(bool funnel, string[] models)
    {
        var learned = models.Where(m => m != LearnedAssigner.TeacherSelfCheck).ToArray();
        if (!funnel || learned.Length == 0)
        {
            return null;
        }

        if (learned.Length > 1)
        {
            throw new UserError("--funnel takes one --model");
        }

        var path = DisposeModelFile.Resolve(learned[0]);
        return DisposeModel.FormatOf(path) == DisposeModel.FormatName ? DisposeModel.Load(path).Stage1 : Stage1Model.Load(path);
    }

    private static IReadOnlyList<string> AllNames { get; } = [.. HeldOutSets.Names, .. ViewScalingSets.Names];

    private static EvaluationSet Build(string name, string? dataRoot) =>
        ViewScalingSets.Names.Contains(name) ? ViewScalingSets.Build(name) : HeldOutSets.Build(name, dataRoot);

    private static List<string> SetNames(string? list, string? dataRoot)
    {
        if (list is null)
        {
            return [.. dataRoot is null ? HeldOutSets.SyntheticNames : HeldOutSets.Names, .. ViewScalingSets.Names];
        }

        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var n in names)
        {
            if (!AllNames.Contains(n))
            {
                throw new UserError($"--sets: unknown set '{n}'; known: {string.Join(", ", AllNames)}");
            }

            if (HeldOutSets.Names.Contains(n) && HeldOutSets.NeedsData(n) && dataRoot is null)
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
        PrintPose(console, result);
    }

    private static void PrintPose(IAnsiConsole console, SetComparison result)
    {
        if (result.Rows.All(r => r.Pose is null))
        {
            return;
        }

        var table = new Table().Border(TableBorder.Minimal);
        table.AddColumn(new TableColumn("pose").NoWrap().PadLeft(0).PadRight(1));
        foreach (var c in (string[])["AP25", "AP50", "AP100", "AP150", "mAP", "R500", "MPJPE", "PCP", "PCP4DA"])
        {
            table.AddColumn(Column(c));
        }

        foreach (var row in result.Rows)
        {
            var cells = new List<string> { "pose: " + Markup.Escape(row.Name) };
            if (row.Pose is not { } pose)
            {
                cells.AddRange(Enumerable.Repeat("-", 9));
            }
            else
            {
                foreach (var t in (double[])[25, 50, 100, 150])
                {
                    cells.Add(pose.Ap.Ap.FirstOrDefault(e => e.Threshold == t) is { } e ? Pct(e.Ap) : "-");
                }

                cells.Add(Pct(pose.Ap.MeanAp));
                cells.Add(Pct(pose.Ap.Recall500));
                cells.Add(pose.Ap.Mpjpe is { } mpjpe ? mpjpe.ToString("F1", CultureInfo.InvariantCulture) : "-");
                cells.Add(pose.PcpVoxelPose?.Average is { } p ? Pct(p) : "-");
                cells.Add(pose.PcpFourDAssociation?.Average is { } q ? Pct(q) : "-");
            }

            table.AddRow([.. cells]);
        }

        console.Write(table);
        console.MarkupLine("pose AP/mAP/R500: Panoptic pose AP and Recall@500 (%), MPJPE (mm), PCP: VoxelPose and 4D Association protocols (%; non-Shelf ground truth converted to Shelf limbs)");
    }

    private static TableColumn Column(string header) => new TableColumn(header).RightAligned().NoWrap().PadLeft(1).PadRight(0);

    /// <summary>A fraction as a percentage with one decimal.</summary>
    internal static string Pct(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture);
}
