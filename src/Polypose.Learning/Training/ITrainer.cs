namespace Polypose.Learning.Training;

/// <summary>
/// What a <see cref="TrainingRun"/> drives: a trainer with a step counter, one step at a time, checkpoints (model,
/// optimiser, generator, step; bit-exact resume) and the model file. <see cref="Stage1Trainer"/> trains Stage I alone,
/// <see cref="JointTrainer"/> Stage I + II.
/// </summary>
public interface ITrainer
{
    /// <summary>The Stage I configuration (schedule, checkpoint interval; written to log.json).</summary>
    Stage1Config Config { get; }

    /// <summary>Steps done.</summary>
    int Step { get; }

    /// <summary>Runs one training step and returns its record.</summary>
    TrainingLogEntry TrainStep();

    /// <summary>Writes model, optimiser, generator state and step atomically to <paramref name="path"/>.</summary>
    void SaveCheckpoint(string path);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> (same configuration and data).</summary>
    void LoadCheckpoint(string path);

    /// <summary>Writes the model file atomically with <paramref name="training"/> as its data summary.</summary>
    void SaveModel(string path, string training);
}
