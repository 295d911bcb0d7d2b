using Polypose.Core.Skeletons;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Poses3D;

/// <summary>The 3D-pose reader picks the layout from the content, not the extension.</summary>
public sealed class Poses3DReaderTests
{
    [Fact]
    public void Read_MissingPath_ThrowsFileNotFoundNamingIt()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "absent.txt");
        var ex = Assert.Throws<FileNotFoundException>(() => Poses3DReader.Read(path));
        Assert.Equal($"{path}: no such file or folder", ex.Message);
    }

    [Fact]
    public void Read_JsonWithTextExtension_IsReadAsPolyposeJson()
    {
        var dir = RepoPaths.NewTempDir();
        var json = Path.Combine(dir, "poses.txt");
        var joints = Enumerable.Range(0, 15).Select(j => new Geometry.Vec3(j, 2 * j, 1000 + j)).ToArray();
        var person = new Core.Poses.Person3D(4, KnownSkeletons.Panoptic15, joints, [.. Enumerable.Repeat(1.0, 15)], []);
        Poses3DJson.Write(json, KnownSkeletons.Panoptic15, [new Core.Poses.Frame3D(17, [person])], ["a"]);
        var frames = Poses3DReader.Read(json, firstFrameIndex: 300);
        var frame = Assert.Single(frames);
        Assert.Equal(17, frame.FrameIndex);
        Assert.Equal(4, Assert.Single(frame.People).Id);
    }

    [SharedDataFact]
    public void Read_ShelfGroundTruthText_IsReadAsFourDAssociationTextNumberedFromTheFirstFrame()
    {
        var frames = Poses3DReader.Read(SharedData.Path("shelf", "gt.txt"), firstFrameIndex: 300);
        Assert.Equal(300, frames[0].FrameIndex);
        Assert.Equal(frames.Count - 1 + 300, frames[^1].FrameIndex);
    }
}
