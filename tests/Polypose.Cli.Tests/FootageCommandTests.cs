using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Polypose.Cli.Tests;

/// <summary>
/// <c>detect --videos/--images</c>, <c>video</c> and <c>view --videos/--images</c> on small real inputs made by ffmpeg:
/// every bad input of issue 10 is one line naming the file, exit code 2, and nothing written.
/// </summary>
public sealed class FootageCommandTests
{
    private static void AssertUserError(CliProcess.Result result, params string[] mustMention)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var text in mustMention)
        {
            Assert.Contains(text, result.StdErr, StringComparison.Ordinal);
        }
    }

    private static void AssertNothingWritten(string dir)
    {
        Assert.False(File.Exists(Path.Combine(dir, "poses.json")));
        Assert.False(Directory.Exists(Path.Combine(dir, "poses_2d")));
        Assert.Empty(Directory.GetFileSystemEntries(dir, ".*"));
    }

    private static (string Dir, string Videos) VideoFolder()
    {
        var dir = RepoPaths.NewTempDir();
        var videos = Path.Combine(dir, "videos");
        Directory.CreateDirectory(videos);
        return (dir, videos);
    }

    [FfmpegFact]
    public void Video_UnreadableVideo_NamesTheFile()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA", "camB");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        var bad = Path.Combine(videos, "camB.mp4");
        File.WriteAllText(bad, "this is not a video");
        var result = CliProcess.Run("video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, bad);
        AssertNothingWritten(dir);
    }

    [FfmpegFact]
    public void Video_CalibrationCameraWithoutVideo_NamesTheCamera()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA", "camB");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        var result = CliProcess.Run("video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, calib, "camera 'camB' has no footage");
        AssertNothingWritten(dir);
    }

    [FfmpegFact]
    public void Video_VideoWithoutCalibrationCamera_NamesTheCamera()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        FootageFixtures.Video(Path.Combine(videos, "camZ.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        var result = CliProcess.Run("video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "camera 'camZ' is not in the calibration");
        AssertNothingWritten(dir);
    }

    [FfmpegFact]
    public void Video_DifferentFrameCounts_AreRefusedWithoutSync()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA", "camB");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        FootageFixtures.Video(Path.Combine(videos, "camB.mp4"), "color=c=gray:size=64x96:rate=30", 5);
        var result = CliProcess.Run("video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "camA.mp4", "same number of frames");
        AssertNothingWritten(dir);
    }

    [FfmpegFact]
    public void Video_DifferentFrameRates_AreRefused()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA", "camB");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 3);
        FootageFixtures.Video(Path.Combine(videos, "camB.mp4"), "color=c=gray:size=64x96:rate=25", 3);
        var result = CliProcess.Run("video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "camB.mp4", "25 fps");
        AssertNothingWritten(dir);
    }

    [Fact]
    public void Video_FfmpegMissing_SaysHowToInstallIt()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        File.WriteAllText(Path.Combine(videos, "camA.mp4"), "never decoded");
        var empty = Path.Combine(dir, "no-ffmpeg");
        Directory.CreateDirectory(empty);
        var result = CliProcess.RunWith(null, new Dictionary<string, string> { ["POLYPOSE_FFMPEG_DIR"] = empty }, "video", "--calib", calib, "--videos", videos, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "was not found", "apt-get install ffmpeg");
        Assert.False(File.Exists(Path.Combine(dir, "poses.json")));
    }

    [Fact]
    public void Detect_EmptyImageFolder_NamesTheCameraFolder()
    {
        var dir = RepoPaths.NewTempDir();
        var camera = Path.Combine(dir, "images", "camA");
        Directory.CreateDirectory(camera);
        var result = CliProcess.Run("detect", "--images", Path.Combine(dir, "images"), "--out", Path.Combine(dir, "dets"));
        AssertUserError(result, camera, "holds no images");
        Assert.False(Directory.Exists(Path.Combine(dir, "dets")));
    }

    [Fact]
    public void Video_WithBothFootageOptions_IsOneLineError()
    {
        var dir = RepoPaths.NewTempDir();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        var result = CliProcess.Run("video", "--calib", calib, "--videos", dir, "--images", dir, "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "exactly one of --videos DIR and --images DIR");
    }

    [Fact]
    public void Video_NegativeRobustScale_IsOneLineErrorAndWritesNothing()
    {
        var dir = RepoPaths.NewTempDir();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        var result = CliProcess.Run("video", "--calib", calib, "--videos", dir, "--robust-px", "-1", "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "--robust-px and --bone-sd must be numbers >= 0", "-1");
        Assert.False(File.Exists(Path.Combine(dir, "poses.json")));
    }

    [Fact]
    public void Video_LearnedModel_SaysItIsNotAvailableYet()
    {
        var dir = RepoPaths.NewTempDir();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        var result = CliProcess.Run("video", "--calib", calib, "--videos", dir, "--model", "stage1.bin", "--out", Path.Combine(dir, "poses.json"));
        AssertUserError(result, "--model stage1.bin", "not available yet");
    }

    [Fact]
    public void Detect_CorruptModel_NamesTheModelFile()
    {
        var dir = RepoPaths.NewTempDir();
        var camera = Path.Combine(dir, "images", "camA");
        Directory.CreateDirectory(camera);
        using (var image = new Image<Rgb24>(32, 32))
        {
            image.SaveAsPng(Path.Combine(camera, "camA_0001.png"));
        }

        var model = Path.Combine(dir, "model.json");
        File.WriteAllText(model, "{\"modelTopology\": ");
        var result = CliProcess.Run("detect", "--images", Path.Combine(dir, "images"), "--model", model, "--out", Path.Combine(dir, "dets"));
        AssertUserError(result, model, "not valid JSON");
        Assert.False(Directory.Exists(Path.Combine(dir, "dets")));
    }

    [ModelFact]
    public void Detect_UnreadableImage_NamesTheImageAndWritesNothing()
    {
        var dir = RepoPaths.NewTempDir();
        var camera = Path.Combine(dir, "images", "camA");
        Directory.CreateDirectory(camera);
        using (var image = new Image<Rgb24>(64, 64))
        {
            image.SaveAsPng(Path.Combine(camera, "camA_0001.png"));
        }

        var bad = Path.Combine(camera, "camA_0002.png");
        File.WriteAllText(bad, "not a png");
        var result = CliProcess.Run("detect", "--images", Path.Combine(dir, "images"), "--out", Path.Combine(dir, "dets"));
        AssertUserError(result, bad, "not a readable image");
        Assert.False(Directory.Exists(Path.Combine(dir, "dets")));
        Assert.Empty(Directory.GetDirectories(dir, ".*"));
    }

    [ModelFact]
    public void DetectVideos_WritesOneOpenPoseFilePerCameraAndFrame()
    {
        var (dir, videos) = VideoFolder();
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "testsrc2=size=96x64:rate=30", 4);
        FootageFixtures.Video(Path.Combine(videos, "camB.webm"), "testsrc2=size=64x96:rate=30", 4);
        var output = Path.Combine(dir, "dets");
        var result = CliProcess.Run("detect", "--videos", videos, "--out", output, "--long-side", "128");
        Assert.True(result.ExitCode == 0, result.StdErr);
        foreach (var camera in (string[])["camA", "camB"])
        {
            var files = Directory.GetFiles(Path.Combine(output, camera)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal([.. Enumerable.Range(0, 4).Select(i => $"{camera}_{i:D6}_keypoints.json")], files);
        }
    }

    /// <summary>
    /// One person (id 0) with the nose at world (0.1, 0, 0) m in a rig whose camera sits 2 m away with f = 100 px: the nose
    /// projects (by hand) to x = 32 + 100 · 100 / 2000 = 37, y = 48 in a 64 × 96 frame. Drawn over a grey video at tile
    /// height 96 (scale 1), the pixel there takes id 0's colour (#e6194b) and a far corner stays grey.
    /// </summary>
    [FfmpegFact]
    public void ViewVideos_DrawsThePersonInItsColourAtTheReprojectedJoint()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 2);
        var poses = Path.Combine(dir, "poses.json");
        var joints = new Vec3[17];
        var confidence = new double[17];
        joints[0] = new Vec3(100, 0, 0);
        confidence[0] = 1;
        var person = new Person3D(0, KnownSkeletons.Coco17, joints, confidence, [0]);
        Poses3DJson.Write(poses, KnownSkeletons.Coco17, [new Frame3D(0, [person]), new Frame3D(1, [])], ["camA"], 30);
        var output = Path.Combine(dir, "overlay");
        var result = CliProcess.Run("view", "--calib", calib, "--poses", poses, "--videos", videos, "--height", "96", "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(["frame_000000.png", "frame_000001.png"], Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        using var first = Image.Load<Rgb24>(Path.Combine(output, "frame_000000.png"));
        Assert.Equal((64, 96), (first.Width, first.Height));
        Assert.Equal(new Rgb24(0xe6, 0x19, 0x4b), first[37, 48]);
        Assert.InRange(first[2, 2].R, 100, 150);
        using var second = Image.Load<Rgb24>(Path.Combine(output, "frame_000001.png"));
        Assert.InRange(second[37, 48].R, 100, 150);
        Assert.Equal(second[37, 48].R, second[37, 48].G);
    }

    [FfmpegFact]
    public void ViewVideos_Mp4_HasOneFramePerInstant()
    {
        var (dir, videos) = VideoFolder();
        var calib = FootageFixtures.Calibration(dir, 64, 96, "camA", "camB");
        FootageFixtures.Video(Path.Combine(videos, "camA.mp4"), "color=c=gray:size=64x96:rate=30", 5);
        FootageFixtures.Video(Path.Combine(videos, "camB.mp4"), "color=c=gray:size=64x96:rate=30", 5);
        var poses = Path.Combine(dir, "poses.json");
        Poses3DJson.Write(poses, KnownSkeletons.Coco17, [new Frame3D(0, [])], ["camA", "camB"], 30);
        var output = Path.Combine(dir, "overlay.mp4");
        var result = CliProcess.Run("view", "--calib", calib, "--poses", poses, "--videos", videos, "--height", "96", "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var info = Polypose.Video.Decoding.VideoProbe.Probe(output);
        Assert.Equal((128, 96, 5), (info.Width, info.Height, info.FrameCount));
        Assert.Empty(Directory.GetFiles(dir, ".*"));
    }
}
