using Polypose.Learning.Assignment;
using Polypose.Tensors;
using Polypose.Tensors.Optim;
using Polypose.Tensors.Serialization;

namespace Polypose.Learning.Training;

/// <summary>
/// Stage I training (dispose.md 3.5-3.6, 5.2, 9): per step a batch of <see cref="Stage1Config.BatchFrames"/> frames of
/// one sequence (sequence, then frames, drawn uniformly), t ~ U{1..999} per sample, the clean target, one-shot
/// corruption, the denoiser's prediction and the X/U losses (λ 0.5, 0.25), Adam (β 0.9/0.999, no weight decay) with
/// linear warm-up and cosine decay to <see cref="Stage1Config.MinLearningRate"/>, gradient clipping at
/// <see cref="Stage1Config.GradientClip"/>. One seeded <see cref="Generator"/> drives every random choice (model
/// initialisation, dropout, sampling, augmentation, noise), and a checkpoint stores it with the model, the optimiser
/// and the step, so a resumed run continues bit for bit.
/// </summary>
public sealed class Stage1Trainer : ITrainer
{
    private readonly IReadOnlyList<TrainingSequence> _data;
    private readonly Stage1BatchBuilder _batches;
    private readonly WarmupCosineSchedule _schedule;

    /// <summary>Creates a fresh model (seeded by <paramref name="seed"/>) and its optimiser over <paramref name="data"/>.</summary>
    public Stage1Trainer(Stage1Config config, IReadOnlyList<TrainingSequence> data, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0 || data.All(s => s.Frames.Count == 0))
        {
            throw new ArgumentException("no training frames", nameof(data));
        }

        Config = config;
        _data = [.. data.Where(s => s.Frames.Count > 0)];
        Random = new Generator(seed);
        Model = new Stage1Model(config, Random);
        Optimizer = new Adam(Model.NamedParameters(), config.LearningRate);
        _schedule = new WarmupCosineSchedule(config.LearningRate, Math.Min(config.WarmupSteps, config.Steps), config.Steps, config.MinLearningRate);
        _batches = new Stage1BatchBuilder(config);
    }

    /// <summary>The configuration.</summary>
    public Stage1Config Config { get; }

    /// <summary>The model being trained.</summary>
    public Stage1Model Model { get; }

    /// <summary>The optimiser.</summary>
    public Adam Optimizer { get; }

    /// <summary>The one generator of the run.</summary>
    public Generator Random { get; }

    /// <summary>Steps done.</summary>
    public int Step { get; private set; }

    /// <summary>Runs one training step and returns its record.</summary>
    public TrainingLogEntry TrainStep()
    {
        Model.Train();
        var c = Config;
        var sequence = _data[(int)Random.NextInt64(0, _data.Count)];
        var frames = Enumerable.Range(0, c.BatchFrames).Select(_ => (int)Random.NextInt64(0, sequence.Frames.Count)).ToArray();
        var batch = _batches.Build(sequence, frames, Random);
        var graph = batch.Graph;
        var timesteps = Enumerable.Range(0, graph.Samples).Select(_ => (int)Random.NextInt64(1, CosineSchedule.Steps)).ToArray();
        _schedule.Apply(Optimizer, Step);
        var lr = Optimizer.LearningRate;
        Step++;
        if (graph.EdgeCount == 0)
        {
            // Quirk 11.18: with Stage I alone, both EmptyGraphLoss modes skip the optimiser step of an edgeless batch.
            return new TrainingLogEntry(Step, 0, 0, 0, lr, 0, 0, true);
        }

        var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
        var (x0, u0) = ddim.CleanTarget(AssignmentTargets.CleanLogits(graph, batch.NodePerson));
        var xt = ddim.Corrupt(u0, timesteps, Random);
        Optimizer.ZeroGrad();
        var features = Model.NodeFeatures(batch.Evidence, batch.Candidates);
        var logits = Model.Denoiser.Forward(graph, features, xt, timesteps);
        var (lx, lu) = ddim.Losses(logits, x0, u0);
        var loss = (lx * (float)c.XLossWeight) + (lu * (float)c.ULossWeight);
        loss.Backward();
        var norm = GradClip.ClipGradNorm(Model.Parameters(), c.GradientClip);
        Optimizer.Step();
        return new TrainingLogEntry(Step, loss.Item(), lx.Item(), lu.Item(), lr, norm, graph.EdgeCount, false);
    }

    /// <summary>
    /// Starts from the weights of a trained model (fine-tuning, e.g. transductive adaptation on Shelf) instead of the
    /// seeded initialisation; before the first step only. The model must have this run's architecture: every
    /// configuration value except the schedule (name, learning rates, warm-up, steps, checkpoint interval) equal, and
    /// every tensor of the same name and shape. Throws <see cref="ArgumentException"/> naming the first difference.
    /// </summary>
    public void InitializeFrom(Stage1Model source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Step != 0)
        {
            throw new InvalidOperationException($"a run at step {Step} cannot be re-initialised");
        }

        static Stage1Config Architecture(Stage1Config c) =>
            c with { Name = "architecture", LearningRate = 1e-3, MinLearningRate = 0, WarmupSteps = 0, Steps = 1, CheckpointEvery = 1 };
        if (Architecture(source.Config) != Architecture(Config))
        {
            throw new ArgumentException($"the model's configuration {source.Config.ToJson()} differs from this run's {Config.ToJson()} beyond the schedule", nameof(source));
        }

        StateDicts.LoadStrict(Model, source.StateDict(), "initial model");
    }

    /// <summary>Writes model, optimiser, generator state and step atomically to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(path, Model, Optimizer, Step, Random);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> (same configuration and data).</summary>
    public void LoadCheckpoint(string path) => Step = checked((int)Checkpoint.Load(path, Model, Optimizer, Random));

    /// <inheritdoc />
    public void SaveModel(string path, string training) => Model.Save(path, training);
}
