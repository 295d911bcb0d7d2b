using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Detection.Runs;
using Polypose.Detection.Sources;
using Polypose.Formats;

namespace Polypose.Detection.Tests.Runs;

public sealed class DetectionSyncTests
{
    private static Person2D Person(double x, double height, double score = 0.9) =>
        new(KnownSkeletons.Coco17, [.. Enumerable.Range(0, 17).Select(j => new Keypoint2D(x, 100 + (height * j / 16.0), score))]);

    private static CameraDetections Camera(string name, int firstFrame, int frames) =>
        new(name, Enumerable.Range(firstFrame, frames).ToDictionary(f => f, f => (IReadOnlyList<Person2D>)[Person(f, 10)]));

    [Fact]
    public void Synchronise_TakesFramePlusOffsetOfEachCameraOverTheCommonRange()
    {
        var a = Camera("a", 0, 10);
        var b = Camera("b", 0, 10);
        var frames = DetectionSync.Synchronise([a, b], [0, 3]);
        Assert.Equal(7, frames.Count);
        Assert.Equal([.. Enumerable.Range(0, 7)], frames.Select(f => f.FrameIndex).ToArray());
        Assert.Equal(4.0, frames[4].Views[0][0].Joints[0].X);
        Assert.Equal(7.0, frames[4].Views[1][0].Joints[0].X);
    }

    [Fact]
    public void Synchronise_CamerasReadWithOffsetsKeepTheirOwnFrameNumbers()
    {
        // Read with offset 2, camera b's detections are numbered 2..9: synchronised frame 0 is its frame 2.
        var frames = DetectionSync.Synchronise([Camera("a", 0, 8), Camera("b", 2, 8)], [0, 2]);
        Assert.Equal(8, frames.Count);
        Assert.Equal(2.0, frames[0].Views[1][0].Joints[0].X);
    }

    [Fact]
    public void Tracks_FollowTheMostProminentPerson()
    {
        var big = Person(500, 400);
        var small = Person(50, 40);
        var camera = new CameraDetections("a", new Dictionary<int, IReadOnlyList<Person2D>> { [0] = [small, big], [1] = [big, small], [3] = [] });
        var track = DetectionSync.Tracks([camera])[0];
        Assert.Equal(4, track.Frames);
        Assert.Equal(500.0, track[0, 0].X);
        Assert.Equal(500.0, track[1, 0].X);
        Assert.False(track[2, 0].IsPresent);
        Assert.False(track[3, 0].IsPresent);
    }

    [Fact]
    public void Match_OrdersFootageLikeTheCalibration()
    {
        Assert.Equal([2, 0, 1], CameraMatching.Match(["c", "a", "b"], "calib", ["a", "b", "c"], "videos"));
    }

    [Fact]
    public void Match_CalibrationCameraWithoutFootage_NamesIt()
    {
        var e = Assert.Throws<PolyposeFormatException>(() => CameraMatching.Match(["a", "b"], "calib.toml", ["a"], "videos"));
        Assert.Contains("camera 'b' has no footage in videos", e.Message, StringComparison.Ordinal);
        Assert.Equal("calib.toml", e.FilePath);
    }

    [Fact]
    public void Match_FootageWithoutCalibrationCamera_NamesIt()
    {
        var e = Assert.Throws<PolyposeFormatException>(() => CameraMatching.Match(["a"], "calib.toml", ["a", "z"], "videos"));
        Assert.Contains("camera 'z' is not in the calibration calib.toml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VideoFolder_CamerasAreFileStemsAndDuplicatesAreRefused()
    {
        var dir = Directory.CreateTempSubdirectory("polypose-videofolder-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "cam02.webm"), "");
            File.WriteAllText(Path.Combine(dir, "cam01.MP4"), "");
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "");
            Assert.Equal(["cam01", "cam02"], VideoFolder.Scan(dir).Select(v => v.Camera).ToArray());
            File.WriteAllText(Path.Combine(dir, "cam01.mkv"), "");
            var e = Assert.Throws<PolyposeFormatException>(() => VideoFolder.Scan(dir));
            Assert.Contains("camera 'cam01' already has a video", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
