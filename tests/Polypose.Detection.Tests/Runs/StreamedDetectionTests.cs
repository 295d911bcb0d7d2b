using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Runs;
using Polypose.Detection.Sources;
using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Reconstruction.Input;
using Polypose.Testing;

namespace Polypose.Detection.Tests.Runs;

/// <summary>
/// <see cref="StreamedDetection"/> with the real MoveNet MultiPose on small synthetic pictures, alone and feeding
/// <see cref="StreamedReconstruction.FromFrames"/> as <c>polypose video</c> does: pictures are decoded only as the
/// consumer asks, the frames in flight stay within one reconstruction batch (counted, not timed), and the 2D folder
/// appears only once the last instant is through.
/// </summary>
public sealed class StreamedDetectionTests
{
    [ModelFact]
    public void Instants_ReadsOnePictureSetPerInstantAskedForAndWritesTheFolderAtTheEnd()
    {
        var dir = RepoPaths.NewTempDir();
        var output = Path.Combine(dir, "poses_2d");
        using var source = new CountingSource(["a", "b"], 12);
        var detection = StreamedDetection.Open(source, Network.Value, new InputSizeRule { LongSide = 64 }, null, output);
        using var instants = detection.Instants().GetEnumerator();
        Assert.Equal(0, source.Reads);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(instants.MoveNext());
            Assert.Equal(i, instants.Current.FrameNumber);
            Assert.Equal(i + 1, source.Reads);
            Assert.Equal(2, instants.Current.People.Count);
            Assert.All(instants.Current.People, Assert.NotNull);
        }

        Assert.False(Directory.Exists(output));
        while (instants.MoveNext())
        {
        }

        Assert.Equal(12, source.Reads);
        Assert.Equal(12, detection.InstantsRead);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(output, "a"), "*_keypoints.json").Length);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(output, "b"), "*_keypoints.json").Length);
        Assert.Equal([64, 64], detection.LongSides);
    }

    [ModelFact]
    public void Instants_AbandonedPartWay_LeavesNoFolderBehind()
    {
        var dir = RepoPaths.NewTempDir();
        var output = Path.Combine(dir, "poses_2d");
        using var source = new CountingSource(["a", "b"], 12);
        var detection = StreamedDetection.Open(source, Network.Value, new InputSizeRule { LongSide = 64 }, null, output);
        using (var instants = detection.Instants().GetEnumerator())
        {
            Assert.True(instants.MoveNext());
            Assert.True(instants.MoveNext());
        }

        Assert.Equal(2, source.Reads);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [ModelFact]
    public void DetectionIntoStreamedReconstruction_HoldsAtMostOneBatchOfFrames()
    {
        const int frames = 300;
        const int threads = 2;
        using var source = new CountingSource(["a", "b"], frames);
        var detection = StreamedDetection.Open(source, Network.Value, new InputSizeRule { LongSide = 64 }, null, null);
        var rig = new CameraRig([
            new Camera("a", 64, 48, new Intrinsics(60, 60, 32, 24), Mat3.Identity, new Vec3(0, 0, 3000)),
            new Camera("b", 64, 48, new Intrinsics(60, 60, 32, 24), Mat3.Identity, new Vec3(-500, 0, 3000)),
        ]);
        using var stream = StreamedReconstruction.FromFrames(rig, detection.Instants().Select(i => i.ToFrame()), frames, Core.Skeletons.KnownSkeletons.Coco17, rig.Names);
        var yielded = 0;
        var maxAhead = 0;
        foreach (var frame in stream.Reconstruct(threads))
        {
            Assert.Equal(yielded, frame.FrameIndex);
            yielded++;
            maxAhead = Math.Max(maxAhead, source.Reads - yielded);
        }

        Assert.Equal(frames, yielded);
        Assert.Equal(frames, source.Reads);
        Assert.True(maxAhead <= StreamedReconstruction.BatchFrames * threads, $"{maxAhead} instants decoded ahead of the output");
    }

    private static readonly Lazy<MoveNetMultiPose> Network = new(() => new MoveNetMultiPose(TfjsGraph.TfjsModel.Load(InstalledModels.MultiPoseJson)));

    /// <summary>Grey 64×48 pictures from every camera at instants 0..count-1, counting the reads.</summary>
    private sealed class CountingSource(IReadOnlyList<string> cameras, int count) : IMultiCameraFrameSource
    {
        private readonly RgbImage _image = new(64, 48, Enumerable.Repeat((byte)128, 64 * 48 * 3).ToArray());

        public int Reads { get; private set; }

        public IReadOnlyList<string> Cameras => cameras;

        public int FrameCount => count;

        public double? FrameRate => 30;

        public int FrameNumber => Reads - 1;

        public int SourceFrameNumber(int camera) => Reads - 1;

        public bool ReadNext()
        {
            if (Reads >= count)
            {
                return false;
            }

            Reads++;
            return true;
        }

        public RgbImage? Image(int camera) => Reads == 0 ? null : _image;

        public void Dispose()
        {
        }
    }
}
