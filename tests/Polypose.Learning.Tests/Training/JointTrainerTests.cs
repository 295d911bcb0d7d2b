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
    public void WithThreeAugmentationSlotsTheCrossAugmentationTermIsPositiveAndFalls()
    {
        var config = TinyTraining.Config with { AugmentSlots = 3, AugmentScale = 0.2, AugmentShift = 0.05 };
        var trainer = new JointTrainer(config, Tiny2, TinyTraining.Data, 9);
        var cross = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            if (trainer.TrainStep().CrossAugmentation is { } c)
            {
                cross.Add(c);
            }
        }

        Assert.True(cross.Count > 40, $"{cross.Count} of 50 steps trained Stage II");
        Assert.All(cross, c => Assert.True(c > 0, "the slots' decoded poses differ"));
        double early = cross.Take(10).Average(), late = cross.TakeLast(10).Average();
        Assert.True(late < 0.8 * early, $"mean cross-augmentation term of the first 10 steps {early:F2} mm, of the last 10 {late:F2} mm");

        // One slot: the term is exactly 0.
        var single = new JointTrainer(TinyTraining.Config with { AugmentSlots = 1 }, Tiny2, TinyTraining.Data, 9);
        Assert.Equal(0, single.TrainStep().CrossAugmentation ?? 0);
    }

    [Fact]
    public void PerStageClippingBoundsEachStagesGradientAndGivesStageOneALargerStepThanJointClipping()
    {
        double StageOneNorm(JointTrainer t) => Math.Sqrt(t.Model.Stage1.Attention.Parameters().Concat(t.Model.Stage1.Denoiser.Parameters())
            .Select(p => p.Grad).OfType<Tensor>().Sum(g => g.ToArray().Sum(x => (double)x * x)));
        double Norm(IEnumerable<Tensor> parameters) => Math.Sqrt(parameters.Select(p => p.Grad).OfType<Tensor>().Sum(g => g.ToArray().Sum(x => (double)x * x)));

        var joint = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 4);
        var perStage = new JointTrainer(TinyTraining.Config, Tiny2, TinyTraining.Data, 4, clipping: GradientClipping.PerStage);
        var clip = TinyTraining.Config.GradientClip;
        // Same seed: the same first batch and the same gradient before clipping.
        var a = joint.TrainStep();
        var b = perStage.TrainStep();
        Assert.False(a.Skipped);
        Assert.True(a.Edges > 0, "the first batch has hyperedges (Stage I trains)");
        Assert.Equal(a.GradientNorm, b.GradientNorm, 3);
        Assert.Single(joint.GroupNorms);
        Assert.Equal(3, perStage.GroupNorms.Count);
        Assert.True(a.GradientNorm > clip, $"gradient norm {a.GradientNorm} would not be clipped");
        Assert.True(Norm(joint.Model.Parameters()) <= clip * 1.0001);
        Assert.True(Norm(perStage.Model.Stage1.Attention.Parameters().Concat(perStage.Model.Stage1.Denoiser.Parameters())) <= clip * 1.0001);
        Assert.True(Norm(perStage.Model.Stage1.Encoder.Parameters()) <= clip * 1.0001);
        Assert.True(Norm(perStage.Model.Decoder.Parameters()) <= clip * 1.0001);
        Assert.True(StageOneNorm(perStage) > 1.5 * StageOneNorm(joint), $"Stage I's clipped gradient: per-stage {StageOneNorm(perStage):G4}, joint {StageOneNorm(joint):G4}");
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
