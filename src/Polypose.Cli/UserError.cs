namespace Polypose.Cli;

/// <summary>A mistake in how the CLI was called (bad option value, missing file); printed as one line, exit code 2.</summary>
internal sealed class UserError : Exception
{
    public UserError(string message)
        : base(message)
    {
    }

    public UserError()
    {
    }

    public UserError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
