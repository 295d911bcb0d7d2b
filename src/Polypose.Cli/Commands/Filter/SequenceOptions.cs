using System.CommandLine;
using Polypose.Tracking.Filters;
using Polypose.Tracking.Sequences;
using Polypose.Tracking.Tracking;
using Spectre.Console;

namespace Polypose.Cli.Commands.Filter;

/// <summary>The tracking and filter options shared by <c>reconstruct</c>, <c>track</c> and <c>filter</c> (logic in Polypose.Tracking).</summary>
internal static class SequenceOptions
{
    public static Option<string[]> FilterOption() => new("--filter")
    {
        Description = "Filter step NAME[:KEY=VALUE,...], repeatable, applied in order: butterworth:order=4,cutoff=6 (Hz, zero phase), "
            + "oneeuro:mincutoff=1,beta=0.01,dcutoff=1, kalman:q=1e9,r=10 (constant-acceleration Kalman + RTS; mm^2/s^5, mm), "
            + "hampel:halfwidth=3,sigmas=3 (outliers replaced by the median, flagged 2), fill:method=cubic|linear,maxgap=10 (frames; filled joints flagged 1).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<double?> FpsOption(string description)
    {
        var option = new Option<double?>("--fps") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } rate && !(rate > 0 && rate <= MaxFps))
            {
                result.AddError($"--fps must be > 0 and at most {MaxFps:0} frames per second, got {rate}");
            }
        });
        return option;
    }

    /// <summary>The highest frame rate <c>--fps</c> accepts (high-speed cameras reach a few thousand).</summary>
    public const double MaxFps = 100_000;

    public static Option<double> MaxLostOption() => new("--max-lost")
    {
        Description = "Seconds a person may be unseen (occluded, out of view) and still get its id back.",
        DefaultValueFactory = _ => new TrackerOptions().MaxLostSeconds,
    };

    public static IReadOnlyList<IJointFilter> ParseFilters(string[]? specs)
    {
        try
        {
            return [.. (specs ?? []).Select(FilterSpec.Parse)];
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message);
        }
    }

    public static TrackerOptions Tracker(double maxLostSeconds)
    {
        try
        {
            return new TrackerOptions { MaxLostSeconds = maxLostSeconds };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new UserError($"--max-lost must be a number of seconds >= 0, got {maxLostSeconds}");
        }
    }

    /// <summary>The post-processing of <c>reconstruct</c>: tracking unless disabled, filters (which need --fps); checked before any work.</summary>
    public static (PostProcessing Steps, double? FrameRate) ForReconstruct(bool track, double maxLostSeconds, string[]? filterSpecs, double? fps)
    {
        var chain = ParseFilters(filterSpecs);
        if (fps is { } r && !(double.IsFinite(r) && r > 0))
        {
            throw new UserError($"--fps must be > 0, got {r}");
        }

        if (chain.Count > 0 && fps is null)
        {
            throw new UserError("--filter needs the frame rate of the detections: give --fps");
        }

        return (new PostProcessing(track, Tracker(maxLostSeconds), chain, fps ?? 30), fps);
    }

    /// <summary>Runs the post-processing on a stream (<see cref="PostProcessing.RunStream"/>); bad settings become one-line errors when the stream is read.</summary>
    public static IEnumerable<Core.Poses.Frame3D> RunStream(PostProcessing steps, IEnumerable<Core.Poses.Frame3D> frames)
    {
        try
        {
            return steps.RunStream(frames);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Runs the post-processing with a progress bar while filtering unless <paramref name="quiet"/>; bad settings become one-line errors.</summary>
    public static IReadOnlyList<Core.Poses.Frame3D> Run(PostProcessing steps, IReadOnlyList<Core.Poses.Frame3D> frames, bool quiet)
    {
        try
        {
            if (quiet || steps.Filters.Count == 0)
            {
                return steps.Run(frames);
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            IReadOnlyList<Core.Poses.Frame3D> result = [];
            console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("filtering people", maxValue: 1);
                result = steps.Run(frames, new Progress<double>(v => task.Value = v));
                task.Value = 1;
            });
            return result;
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
