using Polypose.Core.Poses;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction.Input;
using Polypose.Synthesis;
using Polypose.Synthesis.Output;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

/// <summary>
/// <see cref="StreamedReconstruction"/> on synthetic scenes written by <see cref="SceneWriter"/>: the same output as the
/// whole-sequence <see cref="ReconstructionInput"/>, and on a long generated input a bounded number of frames in flight
/// and an output written while the frames are still coming (not a timed test: it counts frames and bytes).
/// </summary>
public sealed class StreamedReconstructionTests
{
    private static readonly Lazy<SceneFiles> Scene = new(() => SceneWriter.Write(
        SceneGenerator.Generate(new SceneOptions { Rig = Synthesis.Rigs.RigSpec.Parse("ring:3"), People = 2, Frames = 20, Seed = 3 }),
        Path.Combine(RepoPaths.NewTempDir(), "scene")));

    [Fact]
    public void Streamed_WritesTheSameBytesAsTheWholeSequenceReconstruction()
    {
        var dir = RepoPaths.NewTempDir();
        var whole = ReconstructionInput.Load(Scene.Value.Calibration, Scene.Value.OpenPoseFolder);
        var wholePath = Path.Combine(dir, "whole.json");
        Poses3DJson.Write(wholePath, whole.Skeleton, whole.Reconstruct(2), whole.Rig.Names);

        using var streamed = StreamedReconstruction.Open(Scene.Value.Calibration, Scene.Value.OpenPoseFolder);
        var streamedPath = Path.Combine(dir, "streamed.json");
        Poses3DJson.Write(streamedPath, streamed.Skeleton, streamed.Reconstruct(2), streamed.Rig.Names);

        Assert.Equal(20, streamed.FrameCount);
        Assert.Equal(File.ReadAllBytes(wholePath), File.ReadAllBytes(streamedPath));
    }

    [Fact]
    public void LongInput_HoldsAtMostOneBatchOfFramesAndWritesTheOutputWhileReading()
    {
        const int frames = 2400;
        const int threads = 2;
        var input = LoopedDetections(frames);
        var outDir = RepoPaths.NewTempDir();
        var outPath = Path.Combine(outDir, "long.json");
        using var stream = StreamedReconstruction.Open(Scene.Value.Calibration, input);
        var maxAhead = 0;
        var yielded = 0;
        long tempBytesMidway = -1;
        var existedMidway = true;

        IEnumerable<Frame3D> Observe(IEnumerable<Frame3D> source)
        {
            foreach (var frame in source)
            {
                yielded++;
                maxAhead = Math.Max(maxAhead, stream.FramesRead - yielded);
                if (yielded == frames * 3 / 4)
                {
                    tempBytesMidway = Directory.GetFiles(outDir, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }).Sum(f => new FileInfo(f).Length);
                    existedMidway = File.Exists(outPath);
                }

                yield return frame;
            }
        }

        Poses3DJson.Write(outPath, stream.Skeleton, Observe(stream.Reconstruct(threads)), stream.Rig.Names);

        Assert.Equal(frames, yielded);
        Assert.True(maxAhead <= StreamedReconstruction.BatchFrames * threads, $"{maxAhead} frames read ahead of the output");

        // Three quarters through, the frames so far are already in the temporary file (people of ~1,500 frames: far
        // more than 1 MB), and nothing is at the destination yet.
        Assert.True(tempBytesMidway > 1 << 20, $"{tempBytesMidway} bytes in the temporary file three quarters through");
        Assert.False(existedMidway);
        var written = Poses3DJson.Read(outPath);
        Assert.Equal(frames, written.Frames.Count);
        Assert.Equal(frames - 1, written.Frames[^1].FrameIndex);
    }

    [Fact]
    public void FromFrames_WritesTheSameBytesAsReconstructAll()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = Synthesis.Rigs.RigSpec.Parse("ring:3"), People = 2, Frames = 20, Seed = 5 });
        var rig = new Formats.Calibration.CameraRig(scene.Cameras);
        var dir = RepoPaths.NewTempDir();
        var wholePath = Path.Combine(dir, "whole.json");
        Poses3DJson.Write(wholePath, SkeletonOf(scene), MultiViewReconstructor.ReconstructAll(rig, scene.Detections, 2), rig.Names);

        using var streamed = StreamedReconstruction.FromFrames(rig, scene.Detections, scene.Detections.Count, SkeletonOf(scene), rig.Names);
        var streamedPath = Path.Combine(dir, "streamed.json");
        Poses3DJson.Write(streamedPath, streamed.Skeleton, streamed.Reconstruct(2), streamed.Rig.Names);

        Assert.True(scene.Detections.Sum(f => f.Views.Sum(v => v.Count)) > 0);
        Assert.Equal(File.ReadAllBytes(wholePath), File.ReadAllBytes(streamedPath));
    }

    [Fact]
    public void FromFrames_PullsNothingBeforeTheFirstFrameAndAtMostOneBatchAheadOfTheOutput()
    {
        const int frames = 1000;
        const int threads = 2;
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = Synthesis.Rigs.RigSpec.Parse("ring:3"), People = 2, Frames = 10, Seed = 5 });
        var rig = new Formats.Calibration.CameraRig(scene.Cameras);
        var pulled = 0;
        IEnumerable<MultiViewFrame> Produce()
        {
            for (var f = 0; f < frames; f++)
            {
                pulled++;
                yield return scene.Detections[f % scene.Detections.Count] with { FrameIndex = f };
            }
        }

        using var stream = StreamedReconstruction.FromFrames(rig, Produce(), frames, SkeletonOf(scene), rig.Names);
        var output = stream.Reconstruct(threads);
        Assert.Equal(0, pulled);

        var yielded = 0;
        var maxAhead = 0;
        foreach (var frame in output)
        {
            Assert.Equal(yielded, frame.FrameIndex);
            yielded++;
            maxAhead = Math.Max(maxAhead, pulled - yielded);
        }

        Assert.Equal(frames, yielded);
        Assert.Equal(frames, pulled);
        Assert.True(maxAhead <= StreamedReconstruction.BatchFrames * threads, $"{maxAhead} frames pulled ahead of the output");
        Assert.True(maxAhead >= StreamedReconstruction.BatchFrames, $"{maxAhead}: the frames are reconstructed in batches");
    }

    private static Core.Skeletons.Skeleton SkeletonOf(Synthesis.SyntheticScene scene) => scene.Detections.SelectMany(f => f.Views).SelectMany(v => v).First().Skeleton;

    /// <summary>A detections folder of <paramref name="frames"/> frames: the 20-frame scene's files linked over and over.</summary>
    private static string LoopedDetections(int frames)
    {
        var root = Path.Combine(RepoPaths.NewTempDir(), "looped");
        foreach (var cameraDir in Directory.GetDirectories(Scene.Value.OpenPoseFolder))
        {
            var camera = Path.GetFileName(cameraDir);
            var target = Directory.CreateDirectory(Path.Combine(root, camera)).FullName;
            for (var f = 0; f < frames; f++)
            {
                var source = Path.Combine(cameraDir, SceneWriter.OpenPoseFileName(camera, f % 20));
                File.CreateSymbolicLink(Path.Combine(target, SceneWriter.OpenPoseFileName(camera, f)), source);
            }
        }

        return root;
    }
}
