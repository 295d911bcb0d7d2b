using Polypose.Formats;
using Polypose.Video.Decoding;
using StbImageSharp;

namespace Polypose.Video.Tests.Decoding;

public class VideoDecodingTests
{
    [DemoVideoFact]
    public void Probe_Pose2SimDemo_H264AndVp9PortraitSizesRateAndCount()
    {
        var infos = Enumerable.Range(1, 4).Select(c => VideoProbe.Probe(TestVideos.Demo(c))).ToArray();

        Assert.Equal(["h264", "vp9", "h264", "h264"], infos.Select(i => i.Codec));
        Assert.Equal([(1080, 1920), (1080, 1920), (1088, 1920), (1088, 1920)], infos.Select(i => (i.Width, i.Height)));
        Assert.All(infos, i => Assert.Equal(100, i.FrameCount));
        Assert.All(infos, i => Assert.Equal(60.0, i.Rate.PerSecond, 9));
    }

    [DemoVideoFact]
    public void ReadNext_BothCodecs_Decode100FramesOfTheAnnouncedSize()
    {
        foreach (var cam in new[] { 1, 2 })
        {
            using var reader = VideoFrameReader.Open(TestVideos.Demo(cam));
            var frames = 0;
            while (reader.ReadNext())
            {
                Assert.Equal(reader.Width * reader.Height * 3, reader.Pixels.Length);
                frames++;
            }

            Assert.Equal(100, frames);
            Assert.Equal(99, reader.FrameIndex);
        }
    }

    [DemoVideoFact]
    public void Pixels_FrameOfH264AndVp9_EqualTheFrameFfmpegExtractsToPng()
    {
        using var files = new TestVideos();
        foreach (var (cam, index) in new[] { (2, 37), (3, 61) })
        {
            var video = TestVideos.Demo(cam);
            var png = ImageResult.FromMemory(File.ReadAllBytes(files.ExtractPng(video, index)), ColorComponents.RedGreenBlue);
            using var reader = VideoFrameReader.Open(video);
            Assert.True(reader.Skip(index));
            Assert.True(reader.ReadNext());

            Assert.Equal(index, reader.FrameIndex);
            Assert.Equal((png.Width, png.Height), (reader.Width, reader.Height));
            Assert.True(png.Data.AsSpan().SequenceEqual(reader.Pixels), $"cam{cam:D2} frame {index} differs from ffmpeg's PNG");
        }
    }

    [DemoVideoFact]
    public void Synchronised_WithOffset_FrameIsTheOffsetFrameOfThatCamera()
    {
        var sources = new[] { new VideoSource("cam01", TestVideos.Demo(1), 5), new VideoSource("cam02", TestVideos.Demo(2)) };
        using var sync = SynchronisedVideoReader.Open(sources, truncateToShortest: true);
        using var single = VideoFrameReader.Open(TestVideos.Demo(1));
        single.Skip(5);
        single.ReadNext();
        Assert.True(sync.ReadNext());

        Assert.Equal(95, sync.FrameCount);
        Assert.True(sync.Frame(0).SequenceEqual(single.Pixels));
        Assert.False(sync.Frame(0).SequenceEqual(sync.Frame(1)[..sync.Frame(0).Length]));
    }

    [FfmpegFact]
    public void Synchronised_ReadsEveryCameraInLockstepToTheEnd()
    {
        using var files = new TestVideos();
        var a = files.Pattern("a.mp4", 64, 48, 25, 12);
        var b = files.Pattern("b.webm", 32, 64, 25, 12, "-c:v", "libvpx-vp9");
        using var sync = SynchronisedVideoReader.Open([new VideoSource("a", a), new VideoSource("b", b)]);

        var n = 0;
        while (sync.ReadNext())
        {
            Assert.Equal(64 * 48 * 3, sync.Frame(0).Length);
            Assert.Equal(32 * 64 * 3, sync.Frame(1).Length);
            n++;
        }

        Assert.Equal(12, n);
        Assert.Equal(11, sync.FrameIndex);
    }

    [FfmpegFact]
    public void ReadNext_LongerVideo_AllocatesNothingPerFrame()
    {
        using var files = new TestVideos();
        var video = files.Pattern("long.mp4", 320, 240, 30, 300);
        using var reader = VideoFrameReader.Open(video);
        Assert.True(reader.Skip(10));

        // Memory stays flat with video length when a frame read allocates (close to) nothing: a frame is 230 KB here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var frames = 0;
        while (reader.ReadNext())
        {
            frames++;
        }

        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)frames;
        Assert.Equal(290, frames);
        Assert.True(perFrame < 256, $"{perFrame:F0} bytes allocated per frame");
    }

    [FfmpegFact]
    public void Probe_RotatedPhoneVideo_ReportsTheDisplayedPortraitSizeAndDecodesIt()
    {
        using var files = new TestVideos();
        var landscape = files.Pattern("l.mp4", 64, 32, 30, 3);
        var rotated = files.PathOf("r.mp4");
        TestVideos.Ffmpeg("-i", landscape, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated);

        var info = VideoProbe.Probe(rotated);
        using var reader = VideoFrameReader.Open(info);

        Assert.Equal((64, 32), (info.CodedWidth, info.CodedHeight));
        Assert.Contains(info.Rotation, new[] { 90, 270 });
        Assert.Equal((32, 64), (info.Width, info.Height));
        Assert.True(reader.ReadNext());
        Assert.Equal(32 * 64 * 3, reader.Pixels.Length);
    }

    [FfmpegFact]
    public void Open_GarbageFile_OneLineNamingTheFile()
    {
        using var files = new TestVideos();
        var garbage = files.PathOf("garbage.mp4");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))]);

        var ex = Assert.Throws<PolyposeFormatException>(() => VideoFrameReader.Open(garbage));

        Assert.StartsWith(garbage + ": ffprobe cannot read this video", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [FfmpegFact]
    public void Read_TruncatedVideo_FailsWithOneLineNamingTheFile()
    {
        using var files = new TestVideos();
        var whole = files.Pattern("whole.mp4", 160, 120, 25, 50, "-movflags", "+faststart");
        var cut = files.PathOf("cut.mp4");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<PolyposeFormatException>(() =>
        {
            using var reader = VideoFrameReader.Open(cut);
            while (reader.ReadNext())
            {
            }
        });

        Assert.StartsWith(cut + ":", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [FfmpegFact]
    public void Synchronised_DifferentFrameCountsOrRates_OneLineNamingBothCameras()
    {
        using var files = new TestVideos();
        var a = files.Pattern("a.mp4", 32, 32, 25, 10);
        var shorter = files.Pattern("short.mp4", 32, 32, 25, 8);
        var faster = files.Pattern("fast.mp4", 32, 32, 30, 10);

        var count = Assert.Throws<PolyposeFormatException>(() => SynchronisedVideoReader.Open([new VideoSource("a", a), new VideoSource("s", shorter)]));
        var rate = Assert.Throws<PolyposeFormatException>(() => SynchronisedVideoReader.Open([new VideoSource("a", a), new VideoSource("f", faster)]));

        Assert.StartsWith(shorter + ": camera 's' has 8 frames after offset 0 but camera 'a' has 10", count.Message, StringComparison.Ordinal);
        Assert.StartsWith(faster + ": camera 'f' runs at 30 fps but camera 'a'", rate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_MissingTool_SaysHowToInstallFfmpeg()
    {
        var empty = Directory.CreateTempSubdirectory("polypose-noffmpeg-").FullName;
        try
        {
            var inDir = Assert.Throws<FfmpegMissingException>(() => FfmpegTools.Locate("ffmpeg", empty, null));
            var onPath = Assert.Throws<FfmpegMissingException>(() => FfmpegTools.Locate("ffprobe", null, empty));

            Assert.Contains("apt-get install ffmpeg", inDir.Message, StringComparison.Ordinal);
            Assert.StartsWith("ffprobe was not found", onPath.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
