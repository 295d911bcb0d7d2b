using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

[Trait("Stage", "Formats")]
public sealed class CocoKeypointResultsTests
{
    [Fact]
    public void Write_ThenRead_RoundTripsFramesPersonsAndScores()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam0.json");
        CocoKeypointResult[] results =
        [
            new(5, OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 1), 0.93),
            new(5, OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 2), 0.5),
            new(9, OpenPoseJsonTests.MakePerson(KnownSkeletons.Coco17, 3), 0.25),
        ];

        CocoKeypointResults.Write(path, results);
        var back = CocoKeypointResults.Read(path);
        var byFrame = CocoKeypointResults.ReadByFrame(path);

        Assert.Equal(3, back.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(results[i].FrameIndex, back[i].FrameIndex);
            Assert.Equal(results[i].Score, back[i].Score);
            Assert.Equal(results[i].Person.Joints, back[i].Person.Joints);
            Assert.Equal("coco17", back[i].Person.Skeleton.Name);
        }

        Assert.Equal(2, byFrame[5].Count);
        Assert.Single(byFrame[9]);
    }

    [Fact]
    public void Read_NamesAndCategories_FollowDocumentedFrameRule()
    {
        var kp = string.Join(',', Enumerable.Repeat("1,2,0.5", 17));
        var path = Path.Combine(RepoPaths.NewTempDir(), "results.json");
        File.WriteAllText(path, $$"""
            [{"image_id":"img_000300.png","category_id":1,"keypoints":[{{kp}}],"score":0.9},
             {"image_id":1,"file_name":"ignored_77.jpg","category_id":1,"keypoints":[{{kp}}]},
             {"file_name":"00_03_00000168.jpg","keypoints":[{{kp}}]},
             {"image_id":4,"category_id":2,"keypoints":[{{kp}}]}]
            """);

        var back = CocoKeypointResults.Read(path);

        Assert.Equal([300, 1, 168], back.Select(r => r.FrameIndex));
        Assert.Equal(0.5, back[1].Score, 12);
    }

    [Fact]
    public void Read_MissingImageId_ThrowsNamingEntry()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "results.json");
        File.WriteAllText(path, """[{"category_id":1,"keypoints":[]}]""");

        var e = Assert.Throws<PolyposeFormatException>(() => CocoKeypointResults.Read(path));

        Assert.Equal("[0]", e.Place);
        Assert.Contains("image_id", e.Problem, StringComparison.Ordinal);
    }
}
