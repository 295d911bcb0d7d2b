using System.Diagnostics;
using System.Text.Json;
using Polypose.Formats;

namespace Polypose.Learning.Training;

/// <summary>
/// A training run folder: <c>checkpoint.safetensors</c> (model + optimiser + generator + step, atomic, every
/// <see cref="Stage1Config.CheckpointEvery"/> steps and at the end), <c>log.json</c> (configuration, data summary, one
/// record per step, atomic), <c>loss.svg</c> and <c>model.safetensors</c> (the model file, with the steps done), all
/// rewritten at every checkpoint. Resuming
/// restores the last checkpoint and its log prefix and continues bit for bit; a run interrupted at any moment leaves
/// the previous checkpoint intact.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The checkpoint's file name.</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <summary>The model file's name.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>The best-validated model file's name (runs with <see cref="Validate"/> only).</summary>
    public const string BestModelFile = "best.safetensors";

    private static readonly JsonSerializerOptions LogJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly List<TrainingLogEntry> _log = [];

    /// <summary>Prepares a run in <paramref name="directory"/> (created when missing).</summary>
    public TrainingRun(string directory, ITrainer trainer, string dataSummary)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(trainer);
        Directory = directory;
        Trainer = trainer;
        DataSummary = dataSummary;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The trainer.</summary>
    public ITrainer Trainer { get; }

    /// <summary>The data summary stored in the model file.</summary>
    public string DataSummary { get; }

    /// <summary>
    /// Optional validation (lower is better), run every <see cref="ValidateEvery"/> steps and at the end; it must not
    /// draw from the trainer's generator (resumes stay bit for bit). The best value's model is kept as
    /// <see cref="BestModelFile"/>.
    /// </summary>
    public Func<double>? Validate { get; init; }

    /// <summary>Steps between validations (with <see cref="Validate"/>).</summary>
    public int ValidateEvery { get; init => field = Core.Options.OptionCheck.InRange(value, 1, 10_000_000, nameof(ValidateEvery)); } = 100;

    /// <summary>The title of loss.svg.</summary>
    public string Title { get; init; } = "Stage I training";

    /// <summary>The best validation value so far (null before the first).</summary>
    public double? BestValidation { get; private set; }

    /// <summary>The records of the steps done so far.</summary>
    public IReadOnlyList<TrainingLogEntry> Log => _log;

    /// <summary>
    /// Restores the folder's checkpoint and the log up to its step; throws <see cref="PolyposeFormatException"/> naming the
    /// file when there is none or it does not fit the configuration.
    /// </summary>
    public void Resume()
    {
        var path = Path.Combine(Directory, CheckpointFile);
        if (!File.Exists(path))
        {
            throw new PolyposeFormatException(path, "no checkpoint to resume from");
        }

        try
        {
            Trainer.LoadCheckpoint(path);
        }
        catch (Tensors.Serialization.SafeTensorsFormatException e)
        {
            throw new PolyposeFormatException(path, e.Problem, place: e.Place, inner: e);
        }
        catch (Tensors.Serialization.StateDictMismatchException e)
        {
            throw new PolyposeFormatException(path, $"does not fit configuration '{Trainer.Config.Name}': {e.Report.ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal)}", inner: e);
        }

        _log.Clear();
        var logPath = Path.Combine(Directory, "log.json");
        if (File.Exists(logPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(logPath));
            foreach (var e in doc.RootElement.GetProperty("steps").EnumerateArray())
            {
                var entry = e.Deserialize<TrainingLogEntry>()!;
                if (entry.Step <= Trainer.Step)
                {
                    _log.Add(entry);
                    if (entry.Validation is { } v && (BestValidation is null || v < BestValidation))
                    {
                        BestValidation = v;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Trains until <paramref name="totalSteps"/> steps are done, calling <paramref name="progress"/> after each step,
    /// checkpointing on schedule and writing the model file at the end. Stops early (after a checkpoint) when
    /// <paramref name="cancel"/> is signalled.
    /// </summary>
    public void Run(int totalSteps, Action<TrainingLogEntry>? progress = null, CancellationToken cancel = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var watch = Stopwatch.StartNew();
        while (Trainer.Step < totalSteps && !cancel.IsCancellationRequested)
        {
            var entry = Trainer.TrainStep();
            var best = false;
            if (Validate is not null && (Trainer.Step % ValidateEvery == 0 || Trainer.Step == totalSteps))
            {
                var value = Validate();
                entry = entry with { Validation = value };
                if (BestValidation is null || value < BestValidation)
                {
                    BestValidation = value;
                    best = true;
                }
            }

            _log.Add(entry);
            if (best)
            {
                Trainer.SaveModel(Path.Combine(Directory, BestModelFile), $"{DataSummary}; {Trainer.Step} steps; best validation {entry.Validation:F1}");
            }

            progress?.Invoke(entry);
            if (Trainer.Step % Trainer.Config.CheckpointEvery == 0 || Trainer.Step == totalSteps)
            {
                Save(watch.Elapsed.TotalSeconds);
            }
        }

        if (cancel.IsCancellationRequested)
        {
            Save(watch.Elapsed.TotalSeconds);
            return;
        }

    }

    private void Save(double seconds)
    {
        Trainer.SaveCheckpoint(Path.Combine(Directory, CheckpointFile));
        Trainer.SaveModel(Path.Combine(Directory, ModelFile), $"{DataSummary}; {Trainer.Step} steps");
        var json = JsonSerializer.Serialize(new
        {
            config = Trainer.Config,
            data = DataSummary,
            seconds,
            steps = _log,
        }, LogJson);
        AtomicFile.WriteAllText(Path.Combine(Directory, "log.json"), json);
        AtomicFile.WriteAllText(Path.Combine(Directory, "loss.svg"), LossCurveSvg.Render(_log, $"{Title}, {Trainer.Config.Name} configuration"));
    }
}
