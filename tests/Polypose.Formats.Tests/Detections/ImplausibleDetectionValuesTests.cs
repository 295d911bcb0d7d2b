using System.Text;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

/// <summary>Keypoints, scores and part affinities that cannot be right are rejected with the file and the place (docs/input-ranges.md).</summary>
public sealed class ImplausibleDetectionValuesTests
{
    [Theory]
    [InlineData("[1e308, 20, 0.9]", "joint 0 (nose): x = 1e+308 px is outside the plausible range", "people[0].pose_keypoints_2d[0]")]
    [InlineData("[10, -2e6, 0.9]", "joint 0 (nose): y = -2e+06 px is outside the plausible range", "people[0].pose_keypoints_2d[1]")]
    [InlineData("[10, 20, -0.5]", "joint 0 (nose): score -0.5 is outside [0, 100]", "people[0].pose_keypoints_2d[2]")]
    [InlineData("[10, 20, 1e300]", "score 1e+300 is outside [0, 100]", "people[0].pose_keypoints_2d[2]")]
    public void OpenPose_ImplausibleFirstJoint_IsRejectedAtItsIndex(string firstJoint, string expected, string place)
    {
        var path = WriteOpenPose(firstJoint);

        var ex = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains(expected, ex.Problem, StringComparison.Ordinal);
        Assert.Equal(place, ex.Place);
    }

    [Fact]
    public void OpenPose_MissingJointFarAway_IsNotAnError()
    {
        // A joint with score 0 is missing; its x, y are not looked at.
        var people = OpenPoseJson.Read(WriteOpenPose("[1e308, 1e308, 0]"));

        Assert.False(Assert.Single(people).Joints[0].IsPresent);
    }

    [Fact]
    public void OpenPose_ScoreSlightlyAboveOne_IsAccepted()
    {
        // Heatmap peaks exceed 1 (Shelf's 4D Association scores reach 1.04; SimCC scores more).
        var people = OpenPoseJson.Read(WriteOpenPose("[10, 20, 1.04]"));

        Assert.Equal(1.04, Assert.Single(people).Joints[0].Score);
    }

    [Fact]
    public void OpenPose_InvalidUtf8_IsRejectedWithLine()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam_000001_keypoints.json");
        var bytes = Encoding.UTF8.GetBytes("{\"people\": [],\n \"name\": \"x\"}").ToList();
        bytes.Insert(bytes.IndexOf((byte)'x'), 0xFF);
        File.WriteAllBytes(path, [.. bytes]);

        var ex = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));

        Assert.Equal(2, ex.Line);
        Assert.Contains("invalid JSON", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Coco_ImageIdAsString_GivesTheFrameFromItsDigits()
    {
        // Decided and documented: a string image_id is an image name; its last digit run is the frame.
        var path = Path.Combine(RepoPaths.NewTempDir(), "0.json");
        File.WriteAllText(path, $$"""[{"image_id": "frame_000042.jpg", "category_id": 1, "keypoints": {{Keypoints17()}}, "score": 0.9}]""");

        var result = Assert.Single(CocoKeypointResults.Read(path));

        Assert.Equal(42, result.FrameIndex);
    }

    [Fact]
    public void Coco_NegativePersonScore_IsRejected()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "0.json");
        File.WriteAllText(path, $$"""[{"image_id": 1, "category_id": 1, "keypoints": {{Keypoints17()}}, "score": -3}]""");

        var ex = Assert.Throws<PolyposeFormatException>(() => CocoKeypointResults.Read(path));

        Assert.Contains("person score -3 is outside [0, 100]", ex.Problem, StringComparison.Ordinal);
        Assert.Equal("[0].score", ex.Place);
    }

    [Theory]
    [InlineData("1e308", "normalised x = 1e+308 is outside the plausible range [-1, 2]")]
    [InlineData("-7", "normalised x = -7 is outside the plausible range")]
    public void FourDAssociation_CandidateFarOutsideTheImage_IsRejected(string x, string expected)
    {
        var path = WriteFourDa();
        var lines = File.ReadAllLines(path);
        lines[2] = x + lines[2][lines[2].IndexOf(' ', StringComparison.Ordinal)..];
        File.WriteAllLines(path, lines);

        var ex = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains(expected, ex.Problem, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
        Assert.Contains("frame 0, joint 0 (nose), x[0]", ex.Place, StringComparison.Ordinal);
    }

    [Fact]
    public void FourDAssociation_ScoreOf1e308_IsRejected()
    {
        var path = WriteFourDa();
        var lines = File.ReadAllLines(path);
        lines[4] = "1e308" + lines[4][lines[4].IndexOf(' ', StringComparison.Ordinal)..];
        File.WriteAllLines(path, lines);

        var ex = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains("expected a score in [0, 100] but got 1e+308", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FourDAssociation_PafValueOutsideItsRange_IsRejectedNamingTheLimb()
    {
        var path = WriteFourDa();
        var text = File.ReadAllText(path).TrimEnd();
        var cut = text.LastIndexOfAny([' ', '\n']);
        File.WriteAllText(path, text[..(cut + 1)] + "1e308\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains("part affinity 1e+308 is outside the plausible range [-2, 2]", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("frame 0, PAF 25", ex.Place, StringComparison.Ordinal);
    }

    private static string Keypoints17() => "[" + string.Join(", ", Enumerable.Repeat("10, 20, 0.8", 17)) + "]";

    private static string WriteOpenPose(string firstJoint)
    {
        var rest = string.Join(", ", Enumerable.Repeat("10, 20, 0.8", 24));
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam_000001_keypoints.json");
        File.WriteAllText(path, $$"""{"people": [{"pose_keypoints_2d": {{firstJoint[..^1]}}, {{rest}}]}]}""");
        return path;
    }

    private static string WriteFourDa()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "0.txt");
        FourDAssociationDetectionWriter.Write(path, [TestPafFrames.Body25(2)], 640, 480);
        return path;
    }
}
