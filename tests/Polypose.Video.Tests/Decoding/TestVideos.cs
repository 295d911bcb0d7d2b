using System.Diagnostics;
using Polypose.Testing;

namespace Polypose.Video.Tests.Decoding;

/// <summary>Demo paths, and small videos and PNGs made by running the ffmpeg command line directly.</summary>
internal sealed class TestVideos : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("polypose-video-").FullName;

    public static string Demo(int camera) => SharedData.Path("pose2sim-single", "videos", $"cam{camera:D2}.mp4");

    public string PathOf(string name) => Path.Combine(dir, name);

    /// <summary>Runs ffmpeg with the given arguments (no shell); fails the test when it fails.</summary>
    public static void Ffmpeg(params string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-v", "error", "-nostdin", "-y", .. args])
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "ffmpeg failed: " + err);
    }

    /// <summary>A synthetic test-pattern video of the given size, rate and length.</summary>
    public string Pattern(string name, int width, int height, int rate, int frames, params string[] extra)
    {
        var path = PathOf(name);
        Ffmpeg(["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}", "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", .. extra, path]);
        return path;
    }

    /// <summary>Extracts frame <paramref name="index"/> of a video to a PNG with ffmpeg's select filter.</summary>
    public string ExtractPng(string video, int index)
    {
        var png = PathOf($"{Path.GetFileNameWithoutExtension(video)}-{index}.png");
        Ffmpeg("-i", video, "-vf", $"select=eq(n\\,{index})", "-fps_mode", "passthrough", "-frames:v", "1", png);
        return png;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
