using System.CommandLine;
using Spectre.Console;

namespace Polypose.Cli.Options;

/// <summary>
/// What a long-running verb shows, from the shared <c>--progress</c>, <c>--quiet</c> and <c>--json</c> switches
/// (<see cref="SharedOptions.Feedback"/>): a progress bar on standard error when it is an interactive terminal or
/// <c>--progress</c> asks for one; the human summary on standard error unless <c>--quiet</c> or <c>--json</c>; with
/// <c>--json</c> one JSON document on standard output. <c>--quiet</c> leaves nothing but errors.
/// </summary>
internal sealed class Feedback
{
    private readonly bool _forceProgress;

    private Feedback(bool quiet, bool forceProgress, bool json)
    {
        Quiet = quiet;
        _forceProgress = forceProgress;
        Json = json;
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }

    /// <summary><c>--quiet</c>: nothing but errors.</summary>
    public bool Quiet { get; }

    /// <summary><c>--json</c>: a machine-readable summary on standard output.</summary>
    public bool Json { get; }

    /// <summary>The standard-error console the summary and progress go to.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>True when a progress bar is drawn.</summary>
    public bool ShowsProgress => !Quiet && !Json && (_forceProgress || (!Console.IsErrorRedirected && Error.Profile.Capabilities.Interactive));

    /// <summary>True when the human summary is printed.</summary>
    public bool ShowsSummary => !Quiet && !Json;

    /// <summary>The three switches of <paramref name="options"/> as given on this command line.</summary>
    public static Feedback Read(ParseResult parse, (Option<bool> Progress, Option<bool> Quiet, Option<bool> Json) options) =>
        new(parse.GetValue(options.Quiet), parse.GetValue(options.Progress), parse.GetValue(options.Json));

    /// <summary>
    /// Runs <paramref name="work"/>, with a progress bar labelled <paramref name="label"/> when one is shown; the work
    /// reports its fraction done (0–1) through the callback it is given (a no-op otherwise).
    /// </summary>
    public T Run<T>(string label, Func<IProgress<double>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!ShowsProgress)
        {
            return work(new Silent());
        }

        T result = default!;
        Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                result = work(new Bar(task));
                task.Value = 1;
            });
        return result;
    }

    /// <summary>Prints a markup line on standard error unless <c>--quiet</c> or <c>--json</c>.</summary>
    public void Summary(string markup)
    {
        if (ShowsSummary)
        {
            Error.MarkupLine(markup);
        }
    }

    /// <summary>Writes <paramref name="document"/> as one line of JSON on standard output when <c>--json</c> was given.</summary>
    public void JsonSummary(object document)
    {
        if (Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(document));
        }
    }

    private sealed class Silent : IProgress<double>
    {
        public void Report(double value)
        {
        }
    }

    private sealed class Bar(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
    }
}
