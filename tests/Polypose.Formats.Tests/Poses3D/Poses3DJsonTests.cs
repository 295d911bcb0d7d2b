using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Poses3D;

[Trait("Stage", "Formats")]
public sealed class Poses3DJsonTests
{
    [Fact]
    public void Write_ThenRead_RoundTripsEverything()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "poses.json");
        var skeleton = KnownSkeletons.Body25;
        string[] cameras = ["0", "1", "2"];
        Frame3D[] frames = [new(300, [MakePerson(7, skeleton, 3, seed: 1), MakePerson(2, skeleton, 3, seed: 2)]), new(301, [])];

        Poses3DJson.Write(path, skeleton, frames, cameras);
        var doc = Poses3DJson.Read(path);

        Assert.Same(KnownSkeletons.Body25, doc.Skeleton);
        Assert.Equal(cameras, doc.CameraNames);
        Assert.Equal([300, 301], doc.Frames.Select(f => f.FrameIndex));
        for (var p = 0; p < 2; p++)
        {
            var a = frames[0].People[p];
            var b = doc.Frames[0].People[p];
            Assert.Equal(a.Id, b.Id);
            Assert.Equal(a.Joints, b.Joints);
            Assert.Equal(a.Confidence, b.Confidence);
            Assert.Equal(a.DetectionPerView, b.DetectionPerView);
        }

        Assert.Empty(doc.Frames[1].People);
    }

    [Fact]
    public void Write_ShelfGroundTruthWithoutViews_WritesMinusOnes()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "gt.json");
        var person = MakePerson(0, KnownSkeletons.Shelf15, 0, seed: 3);

        Poses3DJson.Write(path, KnownSkeletons.Shelf15, [new Frame3D(0, [person])], ["a", "b"]);
        var back = Assert.Single(Assert.Single(Poses3DJson.Read(path).Frames).People);

        Assert.Equal([-1, -1], back.DetectionPerView);
    }

    [Fact]
    public void Read_CustomSkeleton_BuiltFromJointsAndParents()
    {
        var skeleton = new Skeleton("tiny", ["a", "b", "c"], [-1, 0, 1]);
        var path = Path.Combine(RepoPaths.NewTempDir(), "tiny.json");
        Poses3DJson.Write(path, skeleton, [new Frame3D(1, [MakePerson(1, skeleton, 1, seed: 4)])], ["cam"]);

        var doc = Poses3DJson.Read(path);

        Assert.Equal("tiny", doc.Skeleton.Name);
        Assert.Equal(skeleton.Parents, doc.Skeleton.Parents);
    }

    [Fact]
    public void Write_NonFiniteJoint_Throws()
    {
        var person = MakePerson(0, KnownSkeletons.Panoptic15, 1, seed: 5);
        person.Joints[3] = new Vec3(double.NaN, 0, 0);

        Assert.Throws<ArgumentException>(() =>
            Poses3DJson.Write(Path.Combine(RepoPaths.NewTempDir(), "x.json"), KnownSkeletons.Panoptic15, [new Frame3D(0, [person])], ["c"]));
    }

    [Theory]
    [InlineData("\"unit\": \"mm\"", "\"unit\": \"m\"", "unit", "expected \"mm\"")]
    [InlineData("\"version\": 1", "\"version\": 2", "version", "expected version 1")]
    [InlineData("\"views\": [\n            -1\n          ]", "\"views\": []", "frames[0].people[0].views", "expected 1 values but got 0")]
    public void Read_AlteredFile_ThrowsNamingJsonPath(string from, string to, string place, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "p.json");
        Poses3DJson.Write(path, KnownSkeletons.Panoptic15, [new Frame3D(0, [MakePerson(0, KnownSkeletons.Panoptic15, 0, seed: 6)])], ["c"]);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));

        var e = Assert.Throws<PolyposeFormatException>(() => Poses3DJson.Read(path));

        Assert.Equal(place, e.Place);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FramesBeforeTheHeaderWithCommentsAndTrailingCommas_ReadsEveryField()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "hand.json");
        File.WriteAllText(path, """
            {
              "frames": [
                // a comment between frames
                { "frame": 7, "people": [ { "id": 3, "joints": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "confidence": [0.5, 0, 1],
                  "views": [2, -1], "flags": [0, 1, 2], }, ], "optimalityGap": 0.25 },
                { "frame": 9, "people": [] },
              ],
              "format": "polypose-poses3d", "version": 1, "unit": "mm", "world": "z-up",
              "skeleton": "tiny", "joints": ["a", "b", "c"], "parents": [-1, 0, 1],
              "cameras": ["left", "right"], "fps": 25
            }
            """);

        var doc = Poses3DJson.Read(path);

        Assert.Equal(["left", "right"], doc.CameraNames);
        Assert.Equal(25.0, doc.FrameRate);
        Assert.Equal([7, 9], doc.Frames.Select(f => f.FrameIndex));
        Assert.Equal(0.25, doc.Frames[0].OptimalityGap);
        var person = Assert.Single(doc.Frames[0].People);
        Assert.Equal(3, person.Id);
        Assert.Equal([new Vec3(1, 2, 3), Vec3.Zero, new Vec3(7, 8, 9)], person.Joints);
        Assert.Equal([0.5, 0, 1], person.Confidence);
        Assert.Equal([2, -1], person.DetectionPerView);
        Assert.Equal([JointEdits.None, JointEdits.Filled, JointEdits.Rejected], person.Flags!);
        Assert.Empty(doc.Frames[1].People);
    }

    [Theory]
    [InlineData("}\n", "}\n]\n", 10, "invalid JSON")]
    [InlineData("\"people\": []", "\"people\": [,]", 7, "invalid JSON")]
    public void Read_SyntaxErrorAnywhere_NamesTheLineOfTheWholeFile(string from, string to, int line, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "bad.json");
        var text = "{\n\"format\": \"polypose-poses3d\", \"version\": 1, \"unit\": \"mm\", \"world\": \"z-up\",\n"
            + "\"skeleton\": \"tiny\", \"joints\": [\"a\"], \"parents\": [-1], \"cameras\": [],\n"
            + "\"frames\": [\n{ \"frame\": 0, \"people\": [] },\n\n{ \"frame\": 1, \"people\": [] }\n]\n}\n";
        File.WriteAllText(path, ReplaceLast(text, from, to));

        var e = Assert.Throws<PolyposeFormatException>(() => Poses3DJson.Read(path));

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    private static string ReplaceLast(string text, string from, string to)
    {
        var at = text.LastIndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        return text[..at] + to + text[(at + from.Length)..];
    }

    private static Person3D MakePerson(int id, Skeleton skeleton, int views, int seed)
    {
        var rng = new Random(seed);
        var joints = new Vec3[skeleton.JointCount];
        var conf = new double[skeleton.JointCount];
        for (var j = 0; j < joints.Length; j++)
        {
            if (j % 5 == 4)
            {
                continue;
            }

            joints[j] = new Vec3((rng.NextDouble() - 0.5) * 4000, (rng.NextDouble() - 0.5) * 4000, rng.NextDouble() * 1800);
            conf[j] = 0.1 + (rng.NextDouble() * 0.9);
        }

        return new Person3D(id, skeleton, joints, conf, [.. Enumerable.Range(0, views).Select(v => v % 2 == 0 ? v : -1)]);
    }
}
