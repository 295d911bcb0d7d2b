using Polypose.Learning;
using Polypose.Learning.Training;

namespace Polypose.Cli.Commands.Train;

/// <summary>
/// The <c>--stages 1+2</c> run of <c>polypose train</c>: a <see cref="JointTrainer"/> (Stage I weights optionally from
/// <c>--init</c>) in a <see cref="TrainingRun"/> validated every N steps against the teacher on 8 frames of a
/// 6-camera validation scene that is never trained on, the best model kept.
/// </summary>
internal static class JointRun
{
    /// <summary>The validation scene: a 6-camera ring with 4 people, seed 8999 (neither a training scene, seeds 1000-1999, nor a held-out evaluation scene, 9000-9999).</summary>
    public static SyntheticSceneSpec ValidationScene { get; } = new(new Polypose.Synthesis.Rigs.RigSpec(Polypose.Synthesis.Rigs.RigKind.Ring, 6), 4, 40, 8999);

    /// <summary>Frames of the validation scene used per validation.</summary>
    public const int ValidationFrames = 8;

    public static TrainingRun Create(string directory, Stage1Config config, IReadOnlyList<TrainingSequence> data, ulong seed, double labelFraction, string? init, int validateEvery, int threads, GradientClipping clipping, ref string summary)
    {
        Stage1Model? start = null;
        DisposeModel? full = null;
        if (init is not null)
        {
            if (!File.Exists(init))
            {
                throw new UserError($"{init}: no such model file");
            }

            // A full model (train --stages 1+2) starts both stages (fine-tuning); a Stage I model starts Stage I.
            if (DisposeModel.FormatOf(init) == DisposeModel.FormatName)
            {
                full = DisposeModel.Load(init);
            }
            else
            {
                start = Stage1Model.Load(init);
            }
        }

        JointTrainer trainer;
        try
        {
            trainer = new JointTrainer(config, DisposeModel.Stage2For(config), data, seed, labelFraction, start, clipping: clipping, full: full);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"{init}: its {(full is null ? "Stage I" : "full-model")} weights do not fit --config '{config.Name}': {e.Message.Split('\n')[0]}");
        }

        var validation = TrainingSources.Synthetic([ValidationScene], threads)[0];
        int[] frames = [.. Enumerable.Range(0, Math.Min(ValidationFrames, validation.Frames.Count)).Select(i => i * Math.Max(1, validation.Frames.Count / ValidationFrames))];
        summary = $"{summary}; joint Stage I+II{(labelFraction < 1 ? $", label fraction {labelFraction:G3} ({trainer.FrameCount} frames)" : "")}{(init is null ? "" : full is null ? $", Stage I from {Path.GetFileName(init)}" : $", Stage I + II from {Path.GetFileName(init)}")}{(config.AugmentSlots > 1 ? $", {config.AugmentSlots} augmentation slots (rotation {config.AugmentRotation:G3} deg, scale {config.AugmentScale:G3}, shift {config.AugmentShift:G3})" : "")}{(clipping == GradientClipping.PerStage ? ", per-stage clip" : "")}";
        return new TrainingRun(directory, trainer, summary)
        {
            Validate = () => trainer.ValidateAgainstTeacher(validation, frames),
            ValidateEvery = validateEvery,
            Title = "DisPOSE joint training",
        };
    }
}
