namespace Polypose.Export.Exporters;

/// <summary>An output that cannot be written (read-only folder, a file where a folder is needed...); nothing was left half-written.</summary>
public sealed class ExportOutputException : Exception
{
    /// <summary>Creates the exception; the message is "PATH: cannot write (REASON)".</summary>
    public ExportOutputException(string path, string reason, Exception? inner = null)
        : base($"{path}: cannot write ({reason})", inner)
    {
        OutputPath = path;
    }

    public ExportOutputException()
        : this("<unknown>", "unknown reason")
    {
    }

    public ExportOutputException(string message)
        : base(message)
    {
        OutputPath = "<unknown>";
    }

    public ExportOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
        OutputPath = "<unknown>";
    }

    /// <summary>The output file or folder that could not be written.</summary>
    public string OutputPath { get; } = "<unknown>";
}
