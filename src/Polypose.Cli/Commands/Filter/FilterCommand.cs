using System.CommandLine;
using Polypose.Cli.Commands.Track;
using Polypose.Cli.Options;
using Polypose.Formats.Output;
using Polypose.Formats.Poses3D;
using Polypose.Tracking.Sequences;
using Polypose.Tracking.Tracking;
using Spectre.Console;

namespace Polypose.Cli.Commands.Filter;

/// <summary><c>polypose filter</c>: smooths, rejects outliers and fills gaps per person, joint and axis over time.</summary>
internal static class FilterCommand
{
    public static Command Create()
    {
        var poses = new Option<string>("--poses", "-p") { Description = "Input 3D poses (Polypose 3D JSON) with track ids (see 'polypose track').", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output 3D poses JSON; filled/rejected joints carry per-joint flags; written atomically.", Required = true };
        var fps = SequenceOptions.FpsOption("Frame rate (default: the file's \"fps\"; required when the file has none).");
        var filters = SequenceOptions.FilterOption();
        filters.Required = true;
        var feedback = SharedOptions.Feedback("Print a JSON summary on stdout (output, frames, fps, filter steps, joints filled and rejected).");
        var command = new Command("filter", "Filter 3D pose trajectories over time (Butterworth, one-euro, Kalman/RTS, Hampel, gap filling); chain several --filter.")
        {
            poses, output, fps, filters, feedback.Progress, feedback.Quiet, feedback.Json,
        };
        command.SetAction(parse =>
        {
            var inPath = parse.GetValue(poses)!;
            OutputPath.CheckFile(parse.GetValue(output)!, [inPath]);
            var chain = SequenceOptions.ParseFilters(parse.GetValue(filters));
            var doc = Poses3DJson.Read(inPath);
            var rate = TrackCommand.FrameRate(parse.GetValue(fps), doc, null);
            var steps = new PostProcessing(false, new TrackerOptions(), chain, rate);
            var show = Feedback.Read(parse, feedback);
            var frames = SequenceOptions.Run(steps, doc.Frames, !show.ShowsProgress);
            var outPath = parse.GetValue(output)!;
            Poses3DJson.Write(outPath, doc.Skeleton, frames, doc.CameraNames, rate);
            var people = frames.SelectMany(f => f.People).ToList();
            var filled = people.Sum(p => p.Flags?.Count(f => f.HasFlag(Core.Poses.JointEdits.Filled)) ?? 0);
            var rejected = people.Sum(p => p.Flags?.Count(f => f.HasFlag(Core.Poses.JointEdits.Rejected)) ?? 0);
            show.Summary($"[green]wrote[/] {Markup.Escape(outPath)}: {frames.Count} frames at {rate:G4} fps, {chain.Count} filter step(s), {filled} joints filled, {rejected} rejected");
            show.JsonSummary(new { output = Path.GetFullPath(outPath), frames = frames.Count, fps = rate, filterSteps = chain.Count, jointsFilled = filled, jointsRejected = rejected });

            return ExitCodes.Ok;
        });
        return command;
    }
}
