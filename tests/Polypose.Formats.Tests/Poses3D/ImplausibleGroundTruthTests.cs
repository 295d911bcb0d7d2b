using System.Globalization;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Poses3D;

/// <summary>Ground truth at 1e308: rejected with the file and the joint's place (docs/input-ranges.md).</summary>
public sealed class ImplausibleGroundTruthTests
{
    [Fact]
    public void ShelfGroundTruthText_CoordinateOf1e308Metres_IsRejectedNamingTheJoint()
    {
        var rows = new[] { "0.1", "0.2", "1.0", "1" }.Select(v => string.Join(' ', Enumerable.Repeat(v, 15))).ToArray();
        rows[2] = "1e308 " + string.Join(' ', Enumerable.Repeat("1.0", 14));
        var path = Path.Combine(RepoPaths.NewTempDir(), "gt.txt");
        File.WriteAllText(path, "15 1\n1\n0\n" + string.Join('\n', rows) + "\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => FourDAssociationPoseText.Read(path));

        Assert.Contains("coordinate 1e+308 m is outside the plausible range (|value| <= 100000 m)", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("frame 0, person 0 (id 0), z[0]", ex.Place, StringComparison.Ordinal);
        Assert.Equal(6, ex.Line);
    }

    [Fact]
    public void ShelfGroundTruthText_RealisticValues_AreRead()
    {
        var rows = new[] { "0.1", "0.2", "1.0", "1" }.Select(v => string.Join(' ', Enumerable.Repeat(v, 15)));
        var path = Path.Combine(RepoPaths.NewTempDir(), "gt.txt");
        File.WriteAllText(path, "15 1\n1\n0\n" + string.Join('\n', rows) + "\n");

        var frame = Assert.Single(FourDAssociationPoseText.Read(path));

        Assert.Equal(1000, Assert.Single(frame.People).Joints[0].Z, 9);
    }

    [Fact]
    public void PanopticGroundTruth_VisibleJointAt1e308Centimetres_IsRejected()
    {
        var joints = Enumerable.Repeat("10, -150, 20, 0.9", 19).ToArray();
        joints[4] = "10, 1e308, 20, 0.9";
        var path = Path.Combine(RepoPaths.NewTempDir(), "body3DScene_00000168.json");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""{"bodies": [{"id": 0, "joints19": [{{string.Join(", ", joints)}}]}]}"""));

        var ex = Assert.Throws<PolyposeFormatException>(() => PanopticGroundTruth.ReadFile(path));

        Assert.Contains("coordinate 1e+308 cm is outside the plausible range", ex.Problem, StringComparison.Ordinal);
        Assert.Equal("bodies[0].joints19[17]", ex.Place);
    }
}
