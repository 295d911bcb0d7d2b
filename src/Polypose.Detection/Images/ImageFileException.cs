namespace Polypose.Detection.Images;

/// <summary>An image file is missing or cannot be decoded; the message names the file.</summary>
public sealed class ImageFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ImageFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ImageFileException()
    {
    }
}
