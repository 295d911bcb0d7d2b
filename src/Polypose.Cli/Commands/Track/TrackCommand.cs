using System.CommandLine;
using Polypose.Cli.Commands.Filter;
using Polypose.Cli.Options;
using Polypose.Formats.Output;
using Polypose.Formats.Poses3D;
using Polypose.Tracking.Sequences;
using Spectre.Console;

namespace Polypose.Cli.Commands.Track;

/// <summary><c>polypose track</c>: gives the people of a 3D pose file ids that stay the same over the sequence.</summary>
internal static class TrackCommand
{
    public static Command Create()
    {
        var poses = new Option<string>("--poses", "-p") { Description = "Input 3D poses (Polypose 3D JSON).", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output 3D poses JSON with track ids; written atomically.", Required = true };
        var fps = SequenceOptions.FpsOption("Frame rate of the sequence (default: the file's \"fps\", else 30).");
        var maxLost = SequenceOptions.MaxLostOption();
        var filters = SequenceOptions.FilterOption();
        var feedback = SharedOptions.Feedback("Print a JSON summary on stdout (output, frames, track ids, fps).");
        var command = new Command("track", "Track people over time: ids stable across the sequence, re-identified after occlusions (position and bone lengths); optional filters after tracking.")
        {
            poses, output, fps, maxLost, filters, feedback.Progress, feedback.Quiet, feedback.Json,
        };
        command.SetAction(parse =>
        {
            var inPath = parse.GetValue(poses)!;
            OutputPath.CheckFile(parse.GetValue(output)!, [inPath]);
            var doc = Poses3DJson.Read(inPath);
            var rate = FrameRate(parse.GetValue(fps), doc, 30);
            var steps = new PostProcessing(true, SequenceOptions.Tracker(parse.GetValue(maxLost)), SequenceOptions.ParseFilters(parse.GetValue(filters)), rate);
            var show = Feedback.Read(parse, feedback);
            var frames = SequenceOptions.Run(steps, doc.Frames, !show.ShowsProgress);
            var outPath = parse.GetValue(output)!;
            Poses3DJson.Write(outPath, doc.Skeleton, frames, doc.CameraNames, rate);
            var ids = frames.SelectMany(f => f.People).Select(p => p.Id).Distinct().Count();
            show.Summary($"[green]wrote[/] {Markup.Escape(outPath)}: {frames.Count} frames, {ids} track ids at {rate:G4} fps");
            show.JsonSummary(new { output = Path.GetFullPath(outPath), frames = frames.Count, trackIds = ids, fps = rate });

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--fps, else the file's frame rate, else <paramref name="fallback"/> (null = required).</summary>
    public static double FrameRate(double? option, Poses3DDocument doc, double? fallback)
    {
        if (option is { } given)
        {
            return double.IsFinite(given) && given > 0 ? given : throw new UserError($"--fps must be > 0, got {given}");
        }

        return doc.FrameRate ?? fallback ?? throw new UserError("the poses file has no \"fps\" field: give the frame rate with --fps");
    }
}
