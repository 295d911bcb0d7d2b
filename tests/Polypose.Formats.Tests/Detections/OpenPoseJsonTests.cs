using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

[Trait("Stage", "Formats")]
public sealed class OpenPoseJsonTests
{
    [Theory]
    [InlineData(25, "body25")]
    [InlineData(18, "coco18")]
    [InlineData(17, "coco17")]
    public void Write_ThenRead_RoundTripsAndInfersSkeleton(int joints, string expected)
    {
        var skeleton = OpenPoseSkeletons.ForOpenPoseJointCount(joints)!;
        var people = new[] { MakePerson(skeleton, 1), MakePerson(skeleton, 2) };
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam01_000123_keypoints.json");

        OpenPoseJson.Write(path, people);
        var back = OpenPoseJson.Read(path);

        Assert.Equal(2, back.Count);
        Assert.All(back, p => Assert.Equal(expected, p.Skeleton.Name));
        Assert.Equal(people[0].Joints, back[0].Joints);
        Assert.Equal(people[1].Joints, back[1].Joints);
        Assert.False(back[0].Joints[3].IsPresent);
    }

    [Fact]
    public void Read_OpenPoseSample_ParsesTripletsAndSkipsEmptyPeople()
    {
        var path = Write("""
            {"version":1.3,"people":[
              {"person_id":[-1],"pose_keypoints_2d":[10,20,0.9, 0,0,0, 30.5,40.25,0.5, 1,1,0.1, 2,2,0.2, 3,3,0.3, 4,4,0.4, 5,5,0.5, 6,6,0.6, 7,7,0.7, 8,8,0.8, 9,9,0.9, 10,10,1, 11,11,1, 12,12,1, 13,13,1, 14,14,1]},
              {"person_id":[-1],"pose_keypoints_2d":[]}]}
            """);

        var person = Assert.Single(OpenPoseJson.Read(path));

        Assert.Equal("coco17", person.Skeleton.Name);
        Assert.Equal(new Keypoint2D(10, 20, 0.9), person.Joints[0]);
        Assert.False(person.Joints[1].IsPresent);
        Assert.Equal(new Keypoint2D(30.5, 40.25, 0.5), person.Joints[2]);
    }

    [Theory]
    [InlineData("""{"people":[{"pose_keypoints_2d":[1,2,3,4]}]}""", "multiple of 3", "people[0].pose_keypoints_2d")]
    [InlineData("""{"people":[{"pose_keypoints_2d":[1,2,0.5]}]}""", "cannot infer the skeleton from 1 joints", "people[0].pose_keypoints_2d")]
    [InlineData("""{"persons":[]}""", "missing required field 'people'", "$")]
    public void Read_BadContent_ThrowsNamingPlace(string json, string problem, string place)
    {
        var path = Write(json);

        var e = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));

        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Equal(place, e.Place);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Read_StringInsteadOfNumber_ThrowsNamingElement()
    {
        var values = string.Join(',', Enumerable.Repeat("1", 50));
        var path = Write($$"""{"people":[{"pose_keypoints_2d":[1,"x",{{values[2..]}}]}]}""");

        var e = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));

        Assert.Equal("expected a number but got a string", e.Problem);
        Assert.Equal("people[0].pose_keypoints_2d[1]", e.Place);
    }

    [Fact]
    public void Read_SyntaxError_ReportsLine()
    {
        var path = Write("{\n\"people\": [\n  {\"pose_keypoints_2d\": [1, 2,, 3]}\n]}");

        var e = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Read_GivenSkeletonWithWrongCount_Throws()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "f_000001.json");
        OpenPoseJson.Write(path, [MakePerson(KnownSkeletons.Coco17, 1)]);

        var e = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path, KnownSkeletons.Body25));

        Assert.Contains("expected 25 joints (body25", e.Problem, StringComparison.Ordinal);
    }

    internal static Person2D MakePerson(Skeleton skeleton, int seed)
    {
        var rng = new Random(seed);
        var joints = new Keypoint2D[skeleton.JointCount];
        for (var j = 0; j < joints.Length; j++)
        {
            joints[j] = j == 3 ? Keypoint2D.Missing : new Keypoint2D(rng.NextDouble() * 1000, rng.NextDouble() * 700, 0.05 + (rng.NextDouble() * 0.9));
        }

        return new Person2D(skeleton, joints);
    }

    private static string Write(string json)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "x_000001_keypoints.json");
        File.WriteAllText(path, json);
        return path;
    }
}
