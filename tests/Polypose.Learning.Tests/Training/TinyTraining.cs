using Polypose.Learning.Training;
using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Tests.Training;

/// <summary>A tiny Stage I configuration and one tiny teacher-labelled synthetic scene (2 cameras, 2 people, 12 frames).</summary>
internal static class TinyTraining
{
    public static Stage1Config Config { get; } = new()
    {
        Name = "tiny",
        InputWidth = 240,
        InputHeight = 128,
        AlignRadius = 3,
        Slots = 6,
        FeatureChannels = 8,
        Dim = 16,
        AttentionHeads = 2,
        AttentionPoints = 2,
        DenoiserHeads = 2,
        Dropout = 0.1,
        LearningRate = 3e-3,
        WarmupSteps = 5,
        Steps = 100,
        BatchFrames = 2,
        AugmentSlots = 2,
        CheckpointEvery = 10,
    };

    private static readonly Lazy<IReadOnlyList<TrainingSequence>> Lazy = new(() =>
        TrainingSources.Synthetic([new SyntheticSceneSpec(new RigSpec(RigKind.Ring, 2), 2, 12, 1001)], 1));

    public static IReadOnlyList<TrainingSequence> Data => Lazy.Value;
}
