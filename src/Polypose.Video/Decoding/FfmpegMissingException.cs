namespace Polypose.Video.Decoding;

/// <summary>ffmpeg or ffprobe is not installed (or not on PATH); the message says how to install it.</summary>
public sealed class FfmpegMissingException : Exception
{
    /// <summary>Creates the exception for the named tool ("ffmpeg" or "ffprobe").</summary>
    public FfmpegMissingException(string tool)
        : base(
            $"{tool} was not found on PATH (set POLYPOSE_FFMPEG_DIR to the folder holding ffmpeg and ffprobe, or install ffmpeg: " +
            "Debian/Ubuntu 'sudo apt-get install ffmpeg', Fedora 'sudo dnf install ffmpeg', macOS 'brew install ffmpeg', Windows 'winget install ffmpeg')")
    {
        Tool = tool;
    }

    /// <summary>Creates the exception for ffmpeg.</summary>
    public FfmpegMissingException()
        : this("ffmpeg")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    public FfmpegMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tool = "ffmpeg";
    }

    /// <summary>The tool that is missing.</summary>
    public string Tool { get; }
}
