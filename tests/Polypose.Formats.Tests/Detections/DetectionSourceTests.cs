using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

[Trait("Stage", "Formats")]
public sealed class DetectionSourceTests
{
    private static readonly (string Name, int Width, int Height)[] ShelfCameras =
        [("0", 1032, 776), ("1", 1032, 776), ("2", 1032, 776), ("3", 1032, 776), ("4", 1032, 776)];

    [SharedDataFact]
    public void Open_ShelfFolder_Streams301FramesOfFiveViews()
    {
        var source = DetectionSource.Open(SharedData.Path("shelf"), ShelfCameras, new DetectionSourceOptions { FirstFrameIndex = 300 });

        var frames = source.Frames().ToList();

        Assert.Equal(DetectionInputKind.FourDAssociationPaf, source.Kind);
        Assert.Equal(301, frames.Count);
        Assert.Equal(300, frames[0].FrameIndex);
        Assert.Equal(600, frames[^1].FrameIndex);
        Assert.All(frames, f => Assert.Equal(5, f.Paf!.Count));
        Assert.Null(frames[0].People);
        Assert.Equal(0.912332, Assert.Single(frames[0].Paf![0].Candidates[0]).Score, 12);
    }

    [SharedDataFact]
    public void Open_ShelfMissingCamera_ThrowsNamingIt()
    {
        (string, int, int)[] cameras = [.. ShelfCameras, ("7", 1032, 776)];

        var e = Assert.Throws<PolyposeFormatException>(() => DetectionSource.Open(SharedData.Path("shelf"), cameras));

        Assert.Contains("camera '7'", e.Problem, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Open_ShelfFewerCameras_ThrowsCountMismatch()
    {
        var e = Assert.Throws<PolyposeFormatException>(() => DetectionSource.Open(SharedData.Path("shelf"), ShelfCameras[..4]));

        Assert.Contains("camera count mismatch", e.Problem, StringComparison.Ordinal);
        Assert.Contains("unmatched: 4", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Pose2SimFolders_AlignsFramesByNumberAndFillsGapsWithEmptyViews()
    {
        // cam01_json has frames 0, 1, 2; cam02_json has 1 and 3 (one person each).
        var root = RepoPaths.NewTempDir();
        var person = OpenPoseJsonTests.MakePerson(KnownSkeletons.Body25, 4);
        foreach (var f in new[] { 0, 1, 2 })
        {
            OpenPoseJson.Write(Path.Combine(root, "cam01_json", $"cam01_{f:D6}_keypoints.json"), [person, person]);
        }

        foreach (var f in new[] { 1, 3 })
        {
            OpenPoseJson.Write(Path.Combine(root, "cam02_json", $"cam02_{f:D6}_keypoints.json"), [person]);
        }

        var source = DetectionSource.Open(root, [("cam02", 1920, 1080), ("cam01", 1920, 1080)]);
        var frames = source.Frames().ToList();

        Assert.Equal(DetectionInputKind.Keypoints, source.Kind);
        Assert.Equal([0, 1, 2, 3], source.FrameIndices);
        Assert.Equal([0, 1, 2, 3], frames.Select(f => f.FrameIndex));
        Assert.Equal([0, 1, 0, 1], frames.Select(f => f.People![0].Count));
        Assert.Equal([2, 2, 2, 0], frames.Select(f => f.People![1].Count));
        Assert.Equal(person.Joints, frames[1].People![0][0].Joints);
        Assert.EndsWith("cam02_json", source.ViewPaths[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CocoResultFilePerCamera_GroupsByImageId()
    {
        var root = RepoPaths.NewTempDir();
        var a = OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 1);
        CocoKeypointResults.Write(Path.Combine(root, "0.json"), [new(10, a, 0.9), new(12, a, 0.8)]);
        CocoKeypointResults.Write(Path.Combine(root, "1.json"), [new(11, a, 0.9)]);

        var frames = DetectionSource.Open(root, [("0", 100, 100), ("1", 100, 100)]).Frames().ToList();

        Assert.Equal([10, 11, 12], frames.Select(f => f.FrameIndex));
        Assert.Equal([1, 0, 1], frames.Select(f => f.People![0].Count));
        Assert.Equal([0, 1, 0], frames.Select(f => f.People![1].Count));
    }

    [Theory]
    [InlineData("random bytes \u0001\u0002")]
    [InlineData("   ")]
    [InlineData("{\"not\": \"an array\"}")]
    public void Open_BrokenCocoFileOfACalibrationCamera_ThrowsNamingTheFileInsteadOfLeavingTheCameraOut(string content)
    {
        var root = RepoPaths.NewTempDir();
        var a = OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 1);
        CocoKeypointResults.Write(Path.Combine(root, "cam1.json"), [new(10, a, 0.9)]);
        CocoKeypointResults.Write(Path.Combine(root, "cam2.json"), [new(10, a, 0.9)]);
        File.WriteAllText(Path.Combine(root, "cam3.json"), content);

        var e = Assert.Throws<PolyposeFormatException>(() =>
            DetectionSource.Open(root, [("cam1", 100, 100), ("cam2", 100, 100), ("cam3", 100, 100)], new DetectionSourceOptions { RequireEveryCamera = false }));

        Assert.Equal(Path.Combine(root, "cam3.json"), e.FilePath);
    }

    [Fact]
    public void Open_MissingCameraFolder_ThrowsNamingCameraAndFolders()
    {
        var root = RepoPaths.NewTempDir();
        var person = OpenPoseJsonTests.MakePerson(KnownSkeletons.Body25, 4);
        OpenPoseJson.Write(Path.Combine(root, "cam01_json", "cam01_000000_keypoints.json"), [person]);
        OpenPoseJson.Write(Path.Combine(root, "cam02_json", "cam02_000000_keypoints.json"), [person]);

        var e = Assert.Throws<PolyposeFormatException>(() => DetectionSource.Open(root, [("cam01", 10, 10), ("cam03", 10, 10)]));

        Assert.Contains("camera 'cam03'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("cam02_json", e.Problem, StringComparison.Ordinal);
        Assert.Equal(root, e.FilePath);
    }

    [Fact]
    public void Frames_MixedSkeletonsAcrossViews_ThrowsNamingFile()
    {
        var root = RepoPaths.NewTempDir();
        OpenPoseJson.Write(Path.Combine(root, "a", "a_000000.json"), [OpenPoseJsonTests.MakePerson(KnownSkeletons.Body25, 1)]);
        OpenPoseJson.Write(Path.Combine(root, "b", "b_000000.json"), [OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 1)]);
        var source = DetectionSource.Open(root, [("a", 10, 10), ("b", 10, 10)]);

        var e = Assert.Throws<PolyposeFormatException>(() => source.Frames().ToList());

        Assert.EndsWith("b_000000.json", e.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFolder_Throws()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "none");

        var e = Assert.Throws<PolyposeFormatException>(() => DetectionSource.Open(path, ShelfCameras));

        Assert.Equal(path, e.FilePath);
    }
}
