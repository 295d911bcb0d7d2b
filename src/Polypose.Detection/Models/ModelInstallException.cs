namespace Polypose.Detection.Models;

/// <summary>Installing the models failed (npm missing or failing, a checksum mismatch); the message says what to do.</summary>
public sealed class ModelInstallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelInstallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelInstallException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ModelInstallException()
    {
    }
}
