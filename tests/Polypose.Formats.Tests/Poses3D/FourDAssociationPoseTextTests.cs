using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Poses3D;

[Trait("Stage", "Formats")]
public sealed class FourDAssociationPoseTextTests
{
    [SharedDataFact]
    public void Read_ShelfGt_IdsPresentInDocumentedFrameCounts()
    {
        var frames = FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"));

        Assert.Equal(301, frames.Count);
        Assert.Equal(Enumerable.Range(0, 301), frames.Select(f => f.FrameIndex));
        int[] perId = [.. Enumerable.Range(0, 4).Select(id => frames.Count(f => f.People.Any(p => p.Id == id)))];
        Assert.Equal([279, 37, 161, 33], perId);
        int[] perCount = [.. Enumerable.Range(0, 4).Select(n => frames.Count(f => f.People.Count == n))];
        Assert.Equal([22, 92, 143, 44], perCount);
    }

    [SharedDataFact]
    public void Read_ShelfGt_MillimetresAndHipCentreIsMidpoint()
    {
        var frames = FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"), firstFrameIndex: 300);

        Assert.Equal(300, frames[0].FrameIndex);
        var people = frames.SelectMany(f => f.People).ToList();
        Assert.All(people, p =>
        {
            Assert.Equal("shelf15", p.Skeleton.Name);
            Assert.All(p.Confidence, c => Assert.Equal(1.0, c));
            var mid = (p.Joints[2] + p.Joints[3]) / 2;
            Assert.True((mid - p.Joints[14]).Length < 1.0, "joint 14 is the mean of the hips");
        });

        // Ankles near the floor (about -40 mm), heads well above 1 m: the values are millimetres, z-up.
        Assert.InRange(people.Average(p => p.Joints[0].Z), -150, 150);
        Assert.InRange(people.Average(p => p.Joints[13].Z), 1400, 2100);
    }

    [Theory]
    [InlineData("15 1\n1\n0\n", "end of file")]
    [InlineData("15 1\n-1\n", "expected an integer in [0")]
    [InlineData("15 1\n1\n0\nNaN\n", "finite")]
    [InlineData("12 1\n", "unsupported joint count 12")]
    public void Read_MalformedFile_ThrowsNamingFileAndPlace(string text, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "gt.txt");
        File.WriteAllText(path, text);

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationPoseText.Read(path));

        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Place);
    }

    [Fact]
    public void Read_ZeroFlag_JointMissingAtOrigin()
    {
        var xs = string.Join(' ', Enumerable.Repeat("1", 15));
        var flags = "0 " + string.Join(' ', Enumerable.Repeat("1", 14));
        var path = Path.Combine(RepoPaths.NewTempDir(), "gt.txt");
        File.WriteAllText(path, $"15 1\n1\n7\n{xs}\n{xs}\n{xs}\n{flags}\n");

        var person = Assert.Single(Assert.Single(FourDAssociationPoseText.Read(path)).People);

        Assert.Equal(7, person.Id);
        Assert.False(person.Has(0));
        Assert.Equal(Polypose.Geometry.Vec3.Zero, person.Joints[0]);
        Assert.Equal(new Polypose.Geometry.Vec3(1000, 1000, 1000), person.Joints[1]);
    }
}
