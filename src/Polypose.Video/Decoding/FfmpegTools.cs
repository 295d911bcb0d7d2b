using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Polypose.Video.Decoding;

/// <summary>
/// Finds and runs the ffmpeg and ffprobe executables: from the folder named by the <c>POLYPOSE_FFMPEG_DIR</c> environment
/// variable when set, else from PATH. Nothing is downloaded.
/// </summary>
public static class FfmpegTools
{
    /// <summary>The environment variable naming a folder that holds ffmpeg and ffprobe.</summary>
    public const string DirectoryVariable = "POLYPOSE_FFMPEG_DIR";

    /// <summary>The full path of a tool ("ffmpeg" or "ffprobe"); throws <see cref="FfmpegMissingException"/> when absent.</summary>
    public static string Locate(string tool) =>
        Locate(tool, Environment.GetEnvironmentVariable(DirectoryVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Locates a tool in <paramref name="dir"/> when given, else along <paramref name="searchPath"/>.</summary>
    internal static string Locate(string tool, string? dir, string? searchPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        var exe = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        if (!string.IsNullOrEmpty(dir))
        {
            var p = Path.Combine(dir, exe);
            return File.Exists(p) ? p : throw new FfmpegMissingException(tool);
        }

        foreach (var folder in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(folder, exe);
            if (File.Exists(p))
            {
                return p;
            }
        }

        throw new FfmpegMissingException(tool);
    }

    /// <summary>Whether both ffmpeg and ffprobe can be found.</summary>
    public static bool Available()
    {
        try
        {
            Locate("ffmpeg");
            Locate("ffprobe");
            return true;
        }
        catch (FfmpegMissingException)
        {
            return false;
        }
    }

    /// <summary>Starts a tool with redirected standard output and error (no shell, arguments passed verbatim).</summary>
    internal static Process Start(string tool, IEnumerable<string> arguments) => Start(tool, arguments, redirectInput: false);

    /// <summary>Starts a tool with redirected standard output and error, and standard input when asked (no shell, arguments passed verbatim).</summary>
    internal static Process Start(string tool, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            return Process.Start(info) ?? throw new FfmpegMissingException(tool);
        }
        catch (Win32Exception ex)
        {
            throw new FfmpegMissingException($"{tool} could not be started ({ex.Message}); install ffmpeg (Debian/Ubuntu 'sudo apt-get install ffmpeg')", ex);
        }
    }

    /// <summary>Runs a tool to completion; returns its exit code, standard output and standard error.</summary>
    internal static (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> arguments)
    {
        using var p = Start(tool, arguments);
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.GetAwaiter().GetResult());
    }

    /// <summary>The first non-empty line of a tool's error output, trimmed, or a fallback.</summary>
    internal static string FirstLine(string error, string fallback)
    {
        foreach (var line in error.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0)
            {
                return t;
            }
        }

        return fallback;
    }
}
