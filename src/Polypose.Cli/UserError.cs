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

    /// <summary>A library's rejection of a setting as one line: "SETTING must be ..., got VALUE".</summary>
    public static UserError From(ArgumentException ex)
    {
        var problem = ex.Message.Split('\n')[0];
        var suffix = problem.IndexOf(" (Parameter '", StringComparison.Ordinal);
        problem = suffix >= 0 ? problem[..suffix] : problem;
        var got = ex is ArgumentOutOfRangeException { ActualValue: { } value } ? $", got {value}" : "";
        return new UserError(ex.ParamName is null ? problem : $"{ex.ParamName} {problem}{got}", ex);
    }
}
