using Polypose.Learning.Training;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

public sealed class Stage1TrainerTests
{
    [Fact]
    public void ResumingFromAHalfwayCheckpointGivesBitIdenticalWeights()
    {
        var dir = Directory.CreateTempSubdirectory("stage1-resume").FullName;
        try
        {
            var straight = new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 5);
            for (var i = 0; i < 8; i++)
            {
                straight.TrainStep();
            }

            var first = new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 5);
            for (var i = 0; i < 4; i++)
            {
                first.TrainStep();
            }

            var path = Path.Combine(dir, "c.safetensors");
            first.SaveCheckpoint(path);
            var resumed = new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 5);
            resumed.LoadCheckpoint(path);
            Assert.Equal(4, resumed.Step);
            for (var i = 0; i < 4; i++)
            {
                resumed.TrainStep();
            }

            var a = straight.Model.StateDict();
            var b = resumed.Model.StateDict();
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            var changed = false;
            var init = new Stage1Model(TinyTraining.Config, new Generator(5)).StateDict();
            foreach (var (key, value) in a)
            {
                Assert.True(value.ToArray().AsSpan().SequenceEqual(b[key].ToArray()), $"{key} differs after resume");
                changed |= !value.ToArray().AsSpan().SequenceEqual(init[key].ToArray());
            }

            Assert.True(changed, "training changed no weight");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void InitializingFromATrainedModelCopiesItsWeightsAndRejectsAnotherArchitecture()
    {
        var trained = new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 5);
        for (var i = 0; i < 3; i++)
        {
            trained.TrainStep();
        }

        // Another seed and another schedule: the weights still come from the trained model.
        var tuned = new Stage1Trainer(TinyTraining.Config with { LearningRate = 1e-4, Steps = 7 }, TinyTraining.Data, 11);
        var fresh = tuned.Model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray());
        tuned.InitializeFrom(trained.Model);
        var differsFromFresh = false;
        foreach (var (key, value) in trained.Model.StateDict())
        {
            Assert.True(value.ToArray().AsSpan().SequenceEqual(tuned.Model.StateDict()[key].ToArray()), $"{key} was not copied");
            differsFromFresh |= !value.ToArray().AsSpan().SequenceEqual(fresh[key]);
        }

        Assert.True(differsFromFresh, "the trained and the fresh model had the same weights");
        var wider = new Stage1Trainer(TinyTraining.Config with { Dim = TinyTraining.Config.Dim * 2 }, TinyTraining.Data, 5);
        var e = Assert.Throws<ArgumentException>(() => wider.InitializeFrom(trained.Model));
        Assert.Contains("beyond the schedule", e.Message, StringComparison.Ordinal);
        tuned.TrainStep();
        Assert.Throws<InvalidOperationException>(() => tuned.InitializeFrom(trained.Model));
    }

    [Fact]
    public void WithStageIAloneBothEmptyGraphModesTrainTheSameWeights()
    {
        // Quirk 11.18 only differs when another stage's loss shares the batch; Stage I alone skips the step either way.
        var principled = new Stage1Trainer(TinyTraining.Config with { EmptyGraph = EmptyGraphLoss.SkipStageLoss }, TinyTraining.Data, 3);
        var reference = new Stage1Trainer(TinyTraining.Config with { EmptyGraph = EmptyGraphLoss.SkipBatch }, TinyTraining.Data, 3);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(principled.TrainStep().Loss, reference.TrainStep().Loss);
        }

        var b = reference.Model.StateDict();
        Assert.All(principled.Model.StateDict(), p => Assert.True(p.Value.ToArray().AsSpan().SequenceEqual(b[p.Key].ToArray()), p.Key));
    }

    [Fact]
    public void SmokeTrainingOfAHundredStepsLowersTheLoss()
    {
        var dir = Directory.CreateTempSubdirectory("stage1-smoke").FullName;
        try
        {
            var run = new TrainingRun(dir, new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 9), "tiny");
            run.Run(100);
            var used = run.Log.Where(e => !e.Skipped).ToArray();
            Assert.True(used.Length > 80, $"{used.Length} of 100 steps had hyperedges");
            double early = used.Take(20).Average(e => e.Loss), late = used.TakeLast(20).Average(e => e.Loss);
            Assert.True(late < 0.7 * early, $"mean loss of the first 20 steps {early:F4}, of the last 20 {late:F4}");
            Assert.True(File.Exists(Path.Combine(dir, TrainingRun.ModelFile)));
            Assert.True(File.Exists(Path.Combine(dir, TrainingRun.CheckpointFile)));
            Assert.Contains("<polyline", File.ReadAllText(Path.Combine(dir, "loss.svg")), StringComparison.Ordinal);
            var model = Stage1Model.Load(Path.Combine(dir, TrainingRun.ModelFile));
            Assert.Equal("tiny", model.Config.Name);
            Assert.Equal("tiny; 100 steps", model.Metadata["training"]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
