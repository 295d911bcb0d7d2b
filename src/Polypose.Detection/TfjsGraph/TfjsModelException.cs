namespace Polypose.Detection.TfjsGraph;

/// <summary>A TF.js model file (model.json or a weight shard) is missing, malformed or uses something unsupported;
/// the message names the file and what is wrong.</summary>
public sealed class TfjsModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TfjsModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TfjsModelException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TfjsModelException()
    {
    }
}
