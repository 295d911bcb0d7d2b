namespace Polypose.Tensors.Serialization;

/// <summary>A state dict does not match a model exactly; <see cref="Report"/> lists every missing, unexpected and mismatched key.</summary>
public sealed class StateDictMismatchException : Exception
{
    /// <summary>Creates the exception from a report; <paramref name="source"/> names the file or origin.</summary>
    public StateDictMismatchException(string source, StateDictReport report)
        : base($"{source}: state dict does not match the model ({report?.Missing.Count} missing, {report?.Unexpected.Count} unexpected, {report?.Mismatched.Count} mismatched):{Environment.NewLine}{report}")
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
    }

    /// <summary>Creates the exception with no details.</summary>
    public StateDictMismatchException()
        : this("<unknown>", new StateDictReport([], [], []))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public StateDictMismatchException(string message)
        : base(message)
    {
        Report = new StateDictReport([], [], []);
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StateDictMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new StateDictReport([], [], []);
    }

    /// <summary>Gets the full comparison.</summary>
    public StateDictReport Report { get; }
}
