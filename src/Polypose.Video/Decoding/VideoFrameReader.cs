using System.Diagnostics;
using System.Globalization;
using System.Text;
using Polypose.Formats;

namespace Polypose.Video.Decoding;

/// <summary>
/// Streams the frames of one video as RGB24 (<c>[Height, Width, 3]</c> bytes, row-major, top row first) from an ffmpeg
/// process through a pipe: every decoded frame exactly once, in order (no frame-rate conversion), with the display
/// rotation applied. One buffer is reused, so memory does not grow with the video's length; <see cref="Pixels"/> is valid
/// until the next <see cref="ReadNext"/>. Not thread-safe.
/// </summary>
public sealed class VideoFrameReader : IDisposable
{
    private const int MaxErrorChars = 4096;

    private readonly Process process;
    private readonly Stream pipe;
    private readonly byte[] buffer;
    private readonly StringBuilder errors = new();
    private bool finished;

    private VideoFrameReader(VideoStreamInfo info, int threads)
    {
        Info = info;
        buffer = new byte[info.FrameBytes];
        List<string> args =
        [
            "-v", "error", "-nostdin", "-threads", threads.ToString(CultureInfo.InvariantCulture), "-i", info.Path,
            "-map", "0:v:0", "-an", "-sn", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ];
        process = FfmpegTools.Start("ffmpeg", args);
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
        pipe = process.StandardOutput.BaseStream;
    }

    /// <summary>The stream being read.</summary>
    public VideoStreamInfo Info { get; }

    /// <summary>Frame width in pixels (after rotation).</summary>
    public int Width => Info.Width;

    /// <summary>Frame height in pixels (after rotation).</summary>
    public int Height => Info.Height;

    /// <summary>The 0-based index in the file of the frame in <see cref="Pixels"/>; −1 before the first read.</summary>
    public int FrameIndex { get; private set; } = -1;

    /// <summary>The current frame, RGB24 <c>[Height, Width, 3]</c>; valid until the next read.</summary>
    public ReadOnlySpan<byte> Pixels => buffer;

    /// <summary>
    /// Probes and opens a video. <paramref name="threads"/> is passed to ffmpeg's decoder (0 lets ffmpeg choose).
    /// Throws as <see cref="VideoProbe.Probe"/> does.
    /// </summary>
    public static VideoFrameReader Open(string path, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        return new VideoFrameReader(VideoProbe.Probe(path), threads);
    }

    /// <summary>Opens a stream already probed.</summary>
    public static VideoFrameReader Open(VideoStreamInfo info, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        return new VideoFrameReader(info, threads);
    }

    /// <summary>
    /// Reads the next frame into <see cref="Pixels"/>; false at the end of the stream. Throws
    /// <see cref="PolyposeFormatException"/> when ffmpeg fails or the stream ends inside a frame or before the frame
    /// count ffprobe announced (a truncated file).
    /// </summary>
    public bool ReadNext()
    {
        if (finished)
        {
            return false;
        }

        var got = pipe.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got == buffer.Length)
        {
            FrameIndex++;
            return true;
        }

        finished = true;
        process.WaitForExit();
        var decoded = FrameIndex + 1;
        if (process.ExitCode != 0)
        {
            throw Failure($"ffmpeg could not decode it after {decoded} frame(s): {ErrorLine($"exit code {process.ExitCode}")}");
        }

        if (got != 0)
        {
            throw Failure($"the decoded stream ended inside frame {decoded} ({got} of {buffer.Length} bytes)");
        }

        if (Info.FrameCount > 0 && decoded < Info.FrameCount)
        {
            throw Failure($"the video ended after {decoded} of the {Info.FrameCount} frames its header announces (truncated file?)");
        }

        return false;
    }

    /// <summary>Skips <paramref name="count"/> frames (decoded and dropped, so the position stays frame-accurate); false if the stream ends first.</summary>
    public bool Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            if (!ReadNext())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Stops ffmpeg (if still running) and releases the pipe.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        pipe.Dispose();
        process.Dispose();
    }

    private string ErrorLine(string fallback)
    {
        string text;
        lock (errors)
        {
            text = errors.ToString();
        }

        return FfmpegTools.FirstLine(VideoProbe.StripPath(text, Info.Path), fallback);
    }

    private PolyposeFormatException Failure(string problem) => new(Info.Path, problem, place: FrameIndex >= 0 ? $"frame {FrameIndex + 1}" : null);
}
