using Polypose.Detection.Folders;
using Polypose.Detection.Images;
using Polypose.Testing;

namespace Polypose.Detection.Tests;

/// <summary>Scanning per-camera image folders: the Panoptic demo layout, and each bad layout named in one line.</summary>
public sealed class ImageFolderSetTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-images-");

    public void Dispose() => dir.Delete(true);

    [SharedDataFact]
    public void PanopticDemoHasFiveCamerasAndFiveSharedFrames()
    {
        var set = ImageFolderSet.Open(SharedData.Path("panoptic-demo"));
        Assert.Equal(["00_03", "00_06", "00_12", "00_13", "00_23"], set.Cameras);
        Assert.Equal([4500, 5514, 6859, 9348, 13007], set.Frames);
        Assert.All(set.Files, f => Assert.Equal(5, f.Count));
    }

    [Fact]
    public void EmptyFolderAndEmptyCameraAreReported()
    {
        Assert.Contains("no camera sub-folders", Assert.Throws<ImageFileException>(() => ImageFolderSet.Open(dir.FullName)).Message, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(dir.FullName, "cam01"));
        var e = Assert.Throws<ImageFileException>(() => ImageFolderSet.Open(dir.FullName));
        Assert.Contains("cam01", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds no images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesWithoutNumbersAndDuplicateFramesAreReported()
    {
        var cam = Directory.CreateDirectory(Path.Combine(dir.FullName, "cam01")).FullName;
        File.WriteAllBytes(Path.Combine(cam, "still.png"), [1]);
        Assert.Contains("still.png: no frame number", Assert.Throws<ImageFileException>(() => ImageFolderSet.Open(dir.FullName)).Message, StringComparison.Ordinal);
        File.Delete(Path.Combine(cam, "still.png"));
        File.WriteAllBytes(Path.Combine(cam, "img_0007.png"), [1]);
        File.WriteAllBytes(Path.Combine(cam, "img_007.jpg"), [1]);
        Assert.Contains("frame 7 already given", Assert.Throws<ImageFileException>(() => ImageFolderSet.Open(dir.FullName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableImageIsNamed()
    {
        var path = Path.Combine(dir.FullName, "broken_0001.jpg");
        File.WriteAllBytes(path, [0xFF, 0xD8, 0x00, 0x01]);
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
