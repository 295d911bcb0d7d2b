using Polypose.Testing;
using Polypose.Video.Decoding;

namespace Polypose.Video.Tests;

/// <summary>A fact that runs ffmpeg; skipped, with the reason, when ffmpeg/ffprobe are not installed.</summary>
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

/// <summary>A fact that decodes the Pose2Sim demo videos: needs ffmpeg and ../shared/data.</summary>
internal sealed class DemoVideoFactAttribute : FactAttribute
{
    public DemoVideoFactAttribute()
    {
        if (!FfmpegTools.Available())
        {
            Skip = "needs ffmpeg and ffprobe on PATH (Debian: apt-get install ffmpeg)";
        }
        else if (SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}
