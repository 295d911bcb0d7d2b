using Polypose.Core.Poses;
using Polypose.Formats;
using Polypose.Learning.Decoder;
using Polypose.Learning.Training;
using Polypose.Reconstruction;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

/// <summary>Joint Stage I + II training (resume, smoke), the full model file and the full model in the pipeline.</summary>
public sealed class JointTrainerTests
{
    /// <summary>A Stage II decoder sized for the tiny Stage I configuration.</summary>
    private static readonly Stage2Config Tiny2 = new()
    {
        Name = "tiny2",
        Dim = 16,
        Layers = 2,
        Slots = TinyTraining.Config.Slots,
        FeatureChannels = TinyTraining.Config.FeatureChannels,
        AttentionHeads = 2,
        AttentionPoints = 2,
        FfnDim = 32,
        GeometryDim = 8,
        HypergraphHeads = 2,
        ViewCountDim = 8,
        Modes = Stage2Config.AlternatingModes(2),
    };

    [Fact]
    public void ResumingAJointRunFromAHalfwayCheckpointGivesBitIdenticalWeights()
    {
        var dir = Directory.CreateTempSubdirectory("joint-resume").FullName;
        try
        {
            var straight = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 5);
            for (var i = 0; i < 6; i++)
            {
                straight.TrainStep();
            }

            var first = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 5);
            for (var i = 0; i < 3; i++)
            {
                first.TrainStep();
            }

            var path = Path.Combine(dir, "c.safetensors");
            first.SaveCheckpoint(path);
            var resumed = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 5);
            resumed.LoadCheckpoint(path);
            Assert.Equal(3, resumed.Step);
            for (var i = 0; i < 3; i++)
            {
                resumed.TrainStep();
            }

            var a = straight.Model.StateDict();
            var b = resumed.Model.StateDict();
            var init = new DisposeModel(TinyTraining.Config, Tiny2, new Generator(5)).StateDict();
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            var decoderChanged = false;
            foreach (var (key, value) in a)
            {
                Assert.True(value.ToArray().AsSpan().SequenceEqual(b[key].ToArray()), $"{key} differs after resume");
                decoderChanged |= key.StartsWith("decoder.", StringComparison.Ordinal) && !value.ToArray().AsSpan().SequenceEqual(init[key].ToArray());
            }

            Assert.True(decoderChanged, "joint training changed no decoder weight");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SmokeJointTrainingLowersTheStage2LossAndKeepsTheBestModel()
    {
        var dir = Directory.CreateTempSubdirectory("joint-smoke").FullName;
        try
        {
            var trainer = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 9);
            var run = new TrainingRun(dir, trainer, "tiny")
            {
                Validate = () => trainer.ValidateAgainstTeacher(TinyTraining.Data[0], [0, 5, 10]),
                ValidateEvery = 20,
            };
            run.Run(60);
            var used = run.Log.Where(e => !e.Skipped).ToArray();
            Assert.True(used.Length > 50, $"{used.Length} of 60 steps trained");
            double early = used.Take(15).Average(e => e.Stage2!.Value), late = used.TakeLast(15).Average(e => e.Stage2!.Value);
            Assert.True(late < 0.8 * early, $"mean Stage II loss of the first 15 steps {early:F3}, of the last 15 {late:F3}");
            var validations = run.Log.Where(e => e.Validation is not null).Select(e => e.Validation!.Value).ToArray();
            Assert.Equal(3, validations.Length);
            Assert.Equal(validations.Min(), run.BestValidation);
            var best = DisposeModel.Load(Path.Combine(dir, TrainingRun.BestModelFile));
            Assert.StartsWith("tiny; ", best.Metadata["training"], StringComparison.Ordinal);
            var last = DisposeModel.Load(Path.Combine(dir, TrainingRun.ModelFile));
            Assert.Equal("tiny; 60 steps", last.Metadata["training"]);
            Assert.Equal(DisposeModel.FormatName, DisposeModel.FormatOf(Path.Combine(dir, TrainingRun.ModelFile)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void FullModelFileRoundTripsAndStageOneFilesAreToldApart()
    {
        var dir = Directory.CreateTempSubdirectory("joint-file").FullName;
        try
        {
            var model = new DisposeModel(TinyTraining.Config, Tiny2, new Generator(3));
            var path = Path.Combine(dir, "m.safetensors");
            model.Save(path, "tiny data");
            var loaded = DisposeModel.Load(path);
            Assert.Equal(Tiny2.ToJson(), loaded.Decoder.Config.ToJson());
            Assert.Equal(TinyTraining.Config.ToJson(), loaded.Stage1.Config.ToJson());
            foreach (var (key, value) in model.StateDict())
            {
                Assert.True(value.ToArray().AsSpan().SequenceEqual(loaded.StateDict()[key].ToArray()), key);
            }

            var e = Assert.Throws<PolyposeFormatException>(() => Stage1Model.Load(path));
            Assert.Contains("polypose-dispose/1", e.Message, StringComparison.Ordinal);
            var stage1 = Path.Combine(dir, "s1.safetensors");
            new Stage1Model(TinyTraining.Config, new Generator(3)).Save(stage1, "tiny");
            Assert.Equal(Stage1Model.FormatName, DisposeModel.FormatOf(stage1));
            var f = Assert.Throws<PolyposeFormatException>(() => DisposeModel.Load(stage1));
            Assert.Contains("__metadata__.format", f.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void FullModelInThePipelineGivesFiniteJointsWithTheDetectionPerViewAndAnEmptyFrameForNobody()
    {
        var model = new DisposeModel(TinyTraining.Config, Tiny2, new Generator(3));
        model.Eval();
        var sequence = TinyTraining.Data[0];
        var dispose = new DisposeReconstructor(model);
        var reconstructor = new MultiViewReconstructor(null, dispose, dispose);
        var people = reconstructor.Reconstruct(sequence.Cameras, sequence.Frames[3].Views);
        Assert.NotEmpty(people);
        foreach (var p in people)
        {
            Assert.True(p.DetectionPerView.Count(d => d >= 0) >= 2, "each person names the detections it came from");
            Assert.All(p.Joints, j => Assert.True(double.IsFinite(j.X) && double.IsFinite(j.Y) && double.IsFinite(j.Z)));
            Assert.Contains(p.Confidence, c => c > 0);
        }

        IReadOnlyList<IReadOnlyList<Person2D>> nobody = [.. sequence.Cameras.Select(_ => (IReadOnlyList<Person2D>)[])];
        Assert.Empty(reconstructor.Reconstruct(sequence.Cameras, nobody));
    }
}
