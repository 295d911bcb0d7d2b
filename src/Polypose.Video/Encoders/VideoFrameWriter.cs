using System.Diagnostics;
using System.Globalization;
using System.Text;
using Polypose.Formats;
using Polypose.Video.Decoding;

namespace Polypose.Video.Encoders;

/// <summary>
/// Encodes RGB24 frames (<c>[Height, Width, 3]</c>, even sides) to an H.264 MP4 (libx264, yuv420p, CRF 20) by piping
/// them to an ffmpeg process. The file is written under a temporary name beside the destination and moved there by
/// <see cref="Complete"/>; disposing without completing deletes it (nothing half-written).
/// </summary>
public sealed class VideoFrameWriter : IDisposable
{
    private const int MaxErrorChars = 4096;

    private readonly Process process;
    private readonly Stream pipe;
    private readonly string temporary;
    private readonly string destination;
    private readonly StringBuilder errors = new();
    private readonly int frameBytes;
    private bool done;

    private VideoFrameWriter(string path, int width, int height, double framesPerSecond)
    {
        destination = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(destination) ?? ".");
        temporary = Path.Combine(Path.GetDirectoryName(destination) ?? ".", $".{Path.GetFileNameWithoutExtension(destination)}.{Environment.ProcessId}.tmp.mp4");
        frameBytes = width * height * 3;
        List<string> args =
        [
            "-v", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-r", framesPerSecond.ToString("0.######", CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", temporary,
        ];
        process = FfmpegTools.Start("ffmpeg", args, redirectInput: true);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    if (errors.Length < MaxErrorChars)
                    {
                        errors.AppendLine(line);
                    }
                }
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        pipe = process.StandardInput.BaseStream;
    }

    /// <summary>Gets the number of frames written so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Starts ffmpeg for an MP4 of the given size and rate.</summary>
    /// <param name="path">Destination .mp4 (replaced on <see cref="Complete"/>).</param>
    /// <param name="width">Frame width (even, ≥ 2).</param>
    /// <param name="height">Frame height (even, ≥ 2).</param>
    /// <param name="framesPerSecond">Frame rate (&gt; 0).</param>
    /// <exception cref="FfmpegMissingException">ffmpeg is not installed.</exception>
    public static VideoFrameWriter Create(string path, int width, int height, double framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"frame size {width}x{height} must be even and at least 2x2");
        }

        if (!(framesPerSecond > 0) || !double.IsFinite(framesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), "frame rate must be > 0");
        }

        return new VideoFrameWriter(path, width, height, framesPerSecond);
    }

    /// <summary>Appends one frame.</summary>
    /// <param name="rgb">RGB24 pixels of exactly width × height × 3 bytes.</param>
    /// <exception cref="PolyposeFormatException">ffmpeg stopped (its first error line, naming the destination).</exception>
    public void Write(ReadOnlySpan<byte> rgb)
    {
        ObjectDisposedException.ThrowIf(done, this);
        if (rgb.Length != frameBytes)
        {
            throw new ArgumentException($"frame must be {frameBytes} bytes, got {rgb.Length}", nameof(rgb));
        }

        try
        {
            pipe.Write(rgb);
        }
        catch (IOException e)
        {
            process.WaitForExit();
            throw new PolyposeFormatException(destination, $"ffmpeg stopped while encoding: {ErrorLine("broken pipe")}", inner: e);
        }

        FrameCount++;
    }

    /// <summary>Finishes encoding and moves the video to its destination.</summary>
    /// <exception cref="PolyposeFormatException">ffmpeg failed (its first error line).</exception>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(done, this);
        done = true;
        pipe.Dispose();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            File.Delete(temporary);
            throw new PolyposeFormatException(destination, $"ffmpeg could not encode the video: {ErrorLine($"exit code {process.ExitCode}")}");
        }

        File.Move(temporary, destination, overwrite: true);
    }

    /// <summary>Stops ffmpeg if still running and removes the unfinished file.</summary>
    public void Dispose()
    {
        if (!done)
        {
            done = true;
            try
            {
                pipe.Dispose();
            }
            catch (IOException)
            {
                // ffmpeg already gone.
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        process.Dispose();
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }

    private string ErrorLine(string fallback)
    {
        lock (errors)
        {
            return FfmpegTools.FirstLine(errors.ToString(), fallback);
        }
    }
}
