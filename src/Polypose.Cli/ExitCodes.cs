namespace Polypose.Cli;

/// <summary>Process exit codes of the polypose CLI.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal failure (a bug): the message is printed, the stack trace only with --debug.</summary>
    public const int InternalError = 1;

    /// <summary>Bad usage or bad input data: one clear message naming the file, the place and what is wrong.</summary>
    public const int UserError = 2;

    /// <summary>Cancelled by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
