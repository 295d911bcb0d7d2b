using System.CommandLine;
using Polypose.Cli.Options;
using Polypose.Export.Exporters;
using Polypose.Formats.Output;
using Polypose.Geometry;

namespace Polypose.Cli.Commands.Export;

/// <summary><c>polypose export</c>: a Polypose 3D poses file to TRC, C3D, BVH, glTF, CSV or EasyMocap keypoints3d (logic in Polypose.Export).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var poses = new Option<string>("--poses", "-p") { Description = "3D poses (Polypose 3D JSON, e.g. the output of 'reconstruct').", Required = true };
        var format = new Option<string>("--format", "-f") { Description = $"Output format: {string.Join("|", ExportFormats.Names)}.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output file (a folder for easymocap). TRC/BVH with several people: one F_person<ID>.ext per person.", Required = true };
        var fps = new Option<double?>("--fps") { Description = "Frame rate (frames per second); required unless the file has an \"fps\" field, and must agree with it." };
        var unit = new Option<string?>("--unit", "-u") { Description = "Length unit mm|cm|m (default: trc m, bvh cm, c3d/csv mm; gltf and easymocap are always m)." };
        var bones = new Option<string>("--bvh-bones")
        {
            Description = "BVH bones: exact (forward kinematics reproduces the joints; bones whose length varies get per-frame position channels) or rigid (median lengths, rotations only).",
            DefaultValueFactory = _ => "exact",
        };
        bones.AcceptOnlyFromAmong("exact", "rigid");
        var feedback = SharedOptions.Feedback("Print a machine-readable JSON summary on stdout (no progress bar).");
        var command = new Command("export", "Export 3D poses to TRC (OpenSim), C3D, BVH, glTF (.glb), tidy CSV or EasyMocap keypoints3d JSON.")
        {
            poses, format, output, fps, unit, bones, feedback.Progress, feedback.Quiet, feedback.Json,
        };
        command.SetAction(parse =>
        {
            var formatText = parse.GetValue(format);
            if (!ExportFormats.TryParse(formatText, out var chosen))
            {
                throw new UserError($"--format: unknown format '{formatText}'; expected one of {string.Join(", ", ExportFormats.Names)}");
            }

            var outPath = parse.GetValue(output)!;
            OutputPath.CheckCreatingParents(outPath, folder: chosen == ExportFormat.EasyMocap, [parse.GetValue(poses)]);

            LengthUnit? length = null;
            if (parse.GetValue(unit) is { } unitText)
            {
                if (!LengthUnitExtensions.TryParse(unitText, out var parsed))
                {
                    throw new UserError($"--unit: unknown unit '{unitText}'; expected mm, cm or m");
                }

                length = parsed;
            }

            var bvhBones = parse.GetValue(bones) == "rigid" ? BvhBones.Rigid : BvhBones.Exact;
            var sequence = PoseSequenceReader.Load(parse.GetValue(poses)!, parse.GetValue(fps));
            var show = Feedback.Read(parse, feedback);
            ExportResult result;
            try
            {
                result = show.Run($"export {chosen.Name()}", progress => PoseExporter.Export(sequence, chosen, parse.GetValue(output)!, length, progress, bvhBones));
            }
            catch (Exception ex) when (ex is ArgumentException or ExportOutputException)
            {
                throw new UserError(ex is ExportOutputException ? ex.Message : $"{parse.GetValue(output)}: {ex.Message}");
            }

            show.JsonSummary(new
            {
                format = chosen.Name(),
                outputs = result.Outputs.Select(Path.GetFullPath).ToArray(),
                people = result.People,
                frames = result.Frames,
                fps = result.Fps,
                missingJointEntries = result.MissingEntries,
                filledJointEntries = result.FilledEntries,
            });
            if (show.ShowsSummary)
            {
                var filled = result.FilledEntries > 0 ? $"; {result.FilledEntries} missing joint entries filled by interpolation ({chosen.Name()} has no missing-marker convention)" : string.Empty;
                Console.Error.WriteLine($"wrote {string.Join(", ", result.Outputs)} ({result.People} people, {result.Frames} frames at {result.Fps} fps, {result.MissingEntries} missing joint entries{filled})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
