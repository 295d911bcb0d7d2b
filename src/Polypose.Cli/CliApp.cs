using System.CommandLine;
using Polypose.Cli.Commands;
using Polypose.Formats;

namespace Polypose.Cli;

/// <summary>Builds the command tree and maps every failure to one message and an exit code (no stack traces).</summary>
internal static class CliApp
{
    /// <summary>Runs the CLI with the given arguments and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var debug = args.Contains("--debug");
        var root = new RootCommand("Polypose: markerless multi-view, multi-person 3D human pose estimation. Benchmarks: ./polypose bench reconstruct|engine (see README).");
        root.Options.Add(new Option<bool>("--debug") { Description = "Show stack traces for internal errors.", Recursive = true });
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        if (args.Length == 0)
        {
            args = ["--help"];
        }

        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception ex) when (!debug)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UserError;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            Console.Error.WriteLine("Run 'polypose --help' (or 'polypose <command> --help') for usage.");
            return ExitCodes.UserError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Unwrap(ex) is PolyposeFormatException or UserError or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {OneLine(Unwrap(ex).Message)}");
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (!debug)
        {
            Console.Error.WriteLine($"internal error: {OneLine(Unwrap(ex).Message)} (run with --debug for the stack trace)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>A message as one printable line: control characters (newlines, NUL, escapes echoed from a bad file) become '?'.</summary>
    private static string OneLine(string message) =>
        string.Create(message.Length, message, (span, m) =>
        {
            for (var i = 0; i < m.Length; i++)
            {
                span[i] = char.IsControl(m[i]) || m[i] == '\uFFFD' ? '?' : m[i];
            }
        });

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } agg)
        {
            ex = agg.InnerExceptions[0];
        }

        return ex;
    }
}
