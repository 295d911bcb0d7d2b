using Polypose.Core.Poses;
using Polypose.Formats;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using static Polypose.Tracking.Tests.TestPeople;

namespace Polypose.Tracking.Tests;

public sealed class PoseFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("polypose-tracking-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FlagsAndFrameRateRoundTrip()
    {
        var flagged = At(2, new Vec3(1, 2, 3)) with { Flags = [JointEdits.None, JointEdits.Filled, JointEdits.Rejected, JointEdits.Filled | JointEdits.Rejected, JointEdits.None] };
        var path = Path.Combine(_dir, "p.json");
        Poses3DJson.Write(path, Chain, [Frame(0, flagged, At(3, Vec3.Zero))], [], 25);
        var text = File.ReadAllText(path);
        Assert.Contains("\"fps\": 25", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "\"flags\""));

        var doc = Poses3DJson.Read(path);
        Assert.Equal(25, doc.FrameRate);
        Assert.Equal(flagged.Flags, doc.Frames[0].People[0].Flags);
        Assert.Null(doc.Frames[0].People[1].Flags);
    }

    [Fact]
    public void FilesWithoutTheNewFieldsStillRead()
    {
        var path = Path.Combine(_dir, "old.json");
        Poses3DJson.Write(path, Chain, [Frame(0, At(0, Vec3.Zero))], []);
        var doc = Poses3DJson.Read(path);
        Assert.Null(doc.FrameRate);
        Assert.Null(doc.Frames[0].People[0].Flags);
    }

    [Fact]
    public void AnUnknownFlagValueIsRejectedWithItsPlace()
    {
        var path = Path.Combine(_dir, "bad.json");
        Poses3DJson.Write(path, Chain, [Frame(0, At(0, Vec3.Zero) with { Flags = [JointEdits.Filled, 0, 0, 0, 0] })], []);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"flags\": [\n            1", "\"flags\": [\n            8", StringComparison.Ordinal));
        var e = Assert.Throws<PolyposeFormatException>(() => Poses3DJson.Read(path));
        Assert.Contains("frames[0].people[0].flags[0]", e.Message, StringComparison.Ordinal);
    }
}
