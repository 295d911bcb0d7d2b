using Polypose.Detection.MoveNet;
using Polypose.Detection.Runs;
using Polypose.Detection.Sources;
using Polypose.Detection.TfjsGraph;
using Polypose.Testing;

namespace Polypose.Detection.Tests.Runs;

/// <summary>Detection with several networks in parallel gives exactly the single-threaded detections and files.</summary>
public sealed class DetectionRunnerWorkersTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-runner-workers-");

    public void Dispose() => dir.Delete(true);

    [ModelAndDataFact]
    public void ThreeWorkersGiveTheSameKeypointsAndFilesAsOne()
    {
        var model = TfjsModel.Load(InstalledModels.MultiPoseJson);
        var sizes = new InputSizeRule { LongSide = 256 };
        var one = Path.Combine(dir.FullName, "one");
        var three = Path.Combine(dir.FullName, "three");
        var progress = new List<int>();
        var a = DetectionRunner.Run(ImageFrameSource.Open(SharedData.Path("panoptic-demo")), new MoveNetMultiPose(model), sizes, null, one, null, 1, out _);
        var b = DetectionRunner.Run(ImageFrameSource.Open(SharedData.Path("panoptic-demo")), new MoveNetMultiPose(model), sizes, null, three, (done, _) => progress.Add(done), 3, out _);

        Assert.Equal(Enumerable.Range(1, 25), progress);
        Assert.Equal(a.Select(c => c.Camera), b.Select(c => c.Camera));
        Assert.True(a.Sum(c => c.PersonCount) > 0);
        for (var c = 0; c < a.Count; c++)
        {
            Assert.Equal(a[c].Frames.Keys, b[c].Frames.Keys);
            foreach (var (frame, people) in a[c].Frames)
            {
                var other = b[c].Frames[frame];
                Assert.Equal(people.Count, other.Count);
                for (var p = 0; p < people.Count; p++)
                {
                    Assert.Equal(people[p].Joints, other[p].Joints);
                }
            }
        }

        var files = Directory.EnumerateFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(25, files.Count);
        Assert.Equal(files, Directory.EnumerateFiles(three, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(three, f)).Order(StringComparer.Ordinal));
        foreach (var f in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, f)), File.ReadAllBytes(Path.Combine(three, f)));
        }
    }
}
