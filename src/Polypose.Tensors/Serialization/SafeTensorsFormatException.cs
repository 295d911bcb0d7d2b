namespace Polypose.Tensors.Serialization;

/// <summary>A safetensors or checkpoint file is malformed; says which file, where (header field, tensor name) and what was expected.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">File (or source name) being read.</param>
    /// <param name="place">Where in the file, e.g. "header length", "tensor 'fc.weight' data_offsets".</param>
    /// <param name="problem">What is wrong, naming the expected and actual values.</param>
    public SafeTensorsFormatException(string filePath, string place, string problem)
        : base($"{filePath}: {place}: {problem}")
    {
        FilePath = filePath;
        Place = place;
        Problem = problem;
    }

    /// <summary>Creates the exception with no details.</summary>
    public SafeTensorsFormatException()
        : this("<unknown>", "<unknown>", "malformed safetensors data")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SafeTensorsFormatException(string message)
        : this("<unknown>", "<unknown>", message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "<unknown>";
        Place = "<unknown>";
        Problem = message;
    }

    /// <summary>Gets the file (or source name) being read.</summary>
    public string FilePath { get; } = "<unknown>";

    /// <summary>Gets where in the file the problem is.</summary>
    public string Place { get; } = "<unknown>";

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; } = string.Empty;
}
