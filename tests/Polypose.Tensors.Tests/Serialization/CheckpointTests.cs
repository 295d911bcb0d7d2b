using Polypose.Tensors.Nn;
using Polypose.Tensors.Optim;
using Polypose.Tensors.Serialization;

namespace Polypose.Tensors.Tests.Serialization;

[Trait("Stage", "Tensors")]
public sealed class CheckpointTests
{
    private const int TotalSteps = 9;
    private const int CheckpointStep = 4;

    [Fact]
    public void Resume_FromCheckpointInFreshObjects_ReproducesUninterruptedRunBitForBit()
    {
        // Arrange: uninterrupted reference run.
        var reference = Train(initSeed: 1, steps: TotalSteps, resumeFrom: null, checkpointAt: null, out _);

        // Act: run to the checkpoint, then continue in a fresh model/optimizer/generator built from other seeds.
        var path = Path.Combine(Polypose.Testing.RepoPaths.NewTempDir(), "run.ckpt.safetensors");
        Train(initSeed: 1, steps: CheckpointStep, resumeFrom: null, checkpointAt: path, out _);
        var resumed = Train(initSeed: 77, steps: TotalSteps, resumeFrom: path, checkpointAt: null, out var startStep);

        // Assert
        Assert.Equal(CheckpointStep, startStep);
        Assert.Equal(reference.Count, resumed.Count);
        foreach (var (name, values) in reference)
        {
            Assert.Equal(values, resumed[name]); // exact float equality, element by element
        }
    }

    [Fact]
    public void Resume_WithoutRestoringRng_Diverges()
    {
        // The data stream depends on the generator, so the bit-for-bit test above can fail if RNG state is not restored.
        var reference = Train(initSeed: 1, steps: TotalSteps, resumeFrom: null, checkpointAt: null, out _);
        var path = Path.Combine(Polypose.Testing.RepoPaths.NewTempDir(), "run.ckpt.safetensors");
        Train(initSeed: 1, steps: CheckpointStep, resumeFrom: null, checkpointAt: path, out _);
        var resumed = Train(initSeed: 77, steps: TotalSteps, resumeFrom: path, checkpointAt: null, out _, skipRng: true);
        Assert.Contains(reference, p => !p.Value.SequenceEqual(resumed[p.Key]));
    }

    [Fact]
    public void LoadStrict_WrongKeysAndShapes_ListsEveryProblem()
    {
        // Arrange: model keys "0.weight" [2, 3], "0.bias" [2].
        var model = new Sequential(new Linear(3, 2, new Generator(1)));
        var state = new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.Zeros(3, 3),
            ["extra.weight"] = Tensor.Zeros(1),
        };

        // Act
        var ex = Assert.Throws<StateDictMismatchException>(() => StateDicts.LoadStrict(model, state, "m.safetensors"));

        // Assert
        Assert.Equal(["0.bias"], ex.Report.Missing);
        Assert.Equal(["extra.weight"], ex.Report.Unexpected);
        Assert.Single(ex.Report.Mismatched);
        Assert.Contains("0.weight: checkpoint [3, 3]", ex.Report.Mismatched[0], StringComparison.Ordinal);
        Assert.Contains("model [2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("m.safetensors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateDictsSaveLoad_RoundTrip_CopiesParameters()
    {
        var path = Path.Combine(Polypose.Testing.RepoPaths.NewTempDir(), "m.safetensors");
        var a = new Sequential(new Linear(3, 2, new Generator(1)));
        var b = new Sequential(new Linear(3, 2, new Generator(2)));
        StateDicts.Save(a, path);
        StateDicts.Load(b, path);
        foreach (var (name, p) in a.NamedParameters())
        {
            Assert.Equal(p.ToArray(), b.StateDict()[name].ToArray());
        }
    }

    private static Dictionary<string, float[]> Train(int initSeed, int steps, string? resumeFrom, string? checkpointAt, out long startStep, bool skipRng = false)
    {
        var model = new Sequential(new Linear(4, 8, new Generator((ulong)initSeed)), new Linear(8, 2, new Generator((ulong)initSeed + 1)));
        var optimizer = new Adam(model.NamedParameters(), learningRate: 0.05);
        var rng = new Generator(1000 + (ulong)initSeed);
        startStep = 0;
        if (resumeFrom is not null)
        {
            var throwaway = new Generator(5);
            startStep = Checkpoint.Load(resumeFrom, model, optimizer, skipRng ? throwaway : rng);
        }

        for (var step = startStep; step < steps; step++)
        {
            // Fresh random batch each step from the generator: resuming must restore its stream.
            var x = Tensor.Randn(rng, 16, 4);
            var target = Tensor.Randn(rng, 16, 2);
            optimizer.ZeroGrad();
            var loss = Functional.MseLoss(model.Forward(x), target);
            loss.Backward();
            optimizer.Step();
            if (checkpointAt is not null && step + 1 == steps)
            {
                Checkpoint.Save(checkpointAt, model, optimizer, step + 1, rng);
            }
        }

        return model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.ToArray());
    }
}
