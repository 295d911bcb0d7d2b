using Polypose.Formats;
using Polypose.Formats.Poses3D;
using Polypose.Learning.Training;
using Polypose.Reconstruction;
using Polypose.Synthesis;
using Polypose.Synthesis.Output;
using Polypose.Synthesis.Rigs;
using Polypose.Testing;

namespace Polypose.Learning.Tests.Training;

public sealed class TrainingSourcesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stage1-sources").FullName;
    private readonly SceneFiles _files;
    private readonly SyntheticScene _scene;

    public TrainingSourcesTests()
    {
        _scene = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Ring, 3), People = 2, Frames = 4, Seed = 8 });
        _files = SceneWriter.Write(_scene, _dir);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void APseudoLabelFileWrittenByTheTeacherIsReadBack()
    {
        var labels = MultiViewReconstructor.ReconstructAll(_scene.Cameras, _scene.Detections, 1);
        var path = Path.Combine(_dir, "labels.json");
        Poses3DJson.Write(path, labels[0].People[0].Skeleton, labels, [.. _scene.Cameras.Select(c => c.Name)]);
        var sequence = TrainingSources.FromPseudoLabels("s", _files.Calibration, _files.OpenPoseFolder, path, 0, false);
        Assert.Equal(4, sequence.Frames.Count);
        Assert.Equal(labels.Sum(f => f.People.Count), sequence.PeopleCount);
    }

    [Fact]
    public void AnEmptyPseudoLabelFileIsAnErrorNamingIt()
    {
        var path = Path.Combine(_dir, "empty.json");
        Poses3DJson.Write(path, Core.Skeletons.KnownSkeletons.Body25, [], [.. _scene.Cameras.Select(c => c.Name)]);
        var e = Assert.Throws<PolyposeFormatException>(() => TrainingSources.FromPseudoLabels("s", _files.Calibration, _files.OpenPoseFolder, path, 0, false));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("no pseudo-labelled person", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PseudoLabelsOfOtherCamerasOrFramesAreErrors()
    {
        var labels = MultiViewReconstructor.ReconstructAll(_scene.Cameras, _scene.Detections, 1);
        var skeleton = labels[0].People[0].Skeleton;
        var cameras = Path.Combine(_dir, "cameras.json");
        Poses3DJson.Write(cameras, skeleton, labels, ["a", "b", "c"]);
        var e = Assert.Throws<PolyposeFormatException>(() => TrainingSources.FromPseudoLabels("s", _files.Calibration, _files.OpenPoseFolder, cameras, 0, false));
        Assert.Contains("do not match the calibration", e.Message, StringComparison.Ordinal);

        var frames = Path.Combine(_dir, "frames.json");
        Poses3DJson.Write(frames, skeleton, labels.Select(f => f with { FrameIndex = f.FrameIndex + 100 }), [.. _scene.Cameras.Select(c => c.Name)]);
        e = Assert.Throws<PolyposeFormatException>(() => TrainingSources.FromPseudoLabels("s", _files.Calibration, _files.OpenPoseFolder, frames, 0, false));
        Assert.Contains("frame 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingScenesCoverTwoToEightCamerasEveryRigKindAndOneToTenPeople()
    {
        var scenes = TrainingSets.Synthetic(350);
        Assert.Equal(350, scenes.Select(s => (s.Rig.Cameras, s.Rig.Kind, s.People)).Distinct().Count());
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], scenes.Select(s => s.Rig.Cameras).Distinct().Order());
        Assert.Equal(Enumerable.Range(1, 10), scenes.Select(s => s.People).Distinct().Order());
        Assert.Equal(Enum.GetValues<RigKind>(), scenes.Select(s => s.Rig.Kind).Distinct().Order());
        Assert.All(TrainingSets.Synthetic(TrainingSets.MaxScenes), s => Assert.InRange(s.Rig.Cameras, 2, 8));
    }

    [SharedDataFact]
    public void PanopticCmu0IsTheSampleSeenByTheTrainingRigLabelledByTheTeacher()
    {
        var sequences = TrainingSources.PanopticCmu0(SharedData.Path(HeldOutSets.PanopticFolder), 1);
        Assert.Equal(HeldOutSets.PanopticSequences.Count, sequences.Count);
        Assert.All(sequences, s => Assert.Equal(HeldOutSets.PanopticRigs["cmu0"], s.Cameras.Select(c => c.Name)));
        Assert.All(sequences, s => Assert.Equal(s.Frames.Count, s.PseudoLabels.Count));
        Assert.All(sequences, s => Assert.False(s.Transductive));

        // The sample holds 3 people; the teacher finds most of them in most frames.
        Assert.All(sequences, s => Assert.InRange(s.PeopleCount, 2 * s.Frames.Count, 3 * s.Frames.Count));
    }

    [Fact]
    public void TrainingScenesNeverFallInAHeldOutSet()
    {
        Assert.All(TrainingSets.Synthetic(TrainingSets.MaxScenes), s => Assert.False(HeldOutSets.IsHeldOut(s), $"{s} is held out"));
        Assert.All(HeldOutSets.UnseenRigs.Concat(HeldOutSets.Crowded), s => Assert.True(HeldOutSets.IsHeldOut(s)));
        Assert.Throws<ArgumentException>(() => TrainingSources.Synthetic([HeldOutSets.UnseenRigs[0]], 1));
    }
}
