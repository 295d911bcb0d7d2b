using System.Diagnostics;
using Polypose.Tensors;
using Polypose.Tensors.Kernels;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;
using Polypose.Tensors.Optim;

namespace Polypose.Benchmarks.Engine;

/// <summary>The Polypose.Tensors side of the engine benchmark; the same workloads as bench/torch/engine_bench.py.</summary>
internal sealed class EngineWorkloads(int repeats)
{
    public Dictionary<string, Measurement> Results { get; } = new(StringComparer.Ordinal);

    public double BlockPeakDeltaMb { get; private set; }

    public long[] AllocatedBytesPerStep { get; private set; } = [];

    public void RunAll()
    {
        Block();
        Gemms();
        Convs();
        SmallOps();
        AdamStep();
        TrainingAllocations();
    }

    private void Block()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var block = new PreNormBlock(256, 8, new Generator(0));
        var x = Tensor.Randn(new Generator(1), 1, 150, 256);
        Results["block_fwd_bwd"] = BenchTimer.Measure(
            () =>
            {
                using var scope = Tensor.Scope();
                block.ZeroGrad(setToNone: false);
                block.Forward(x).Square().Mean().Backward();
            },
            3,
            repeats);
        process.Refresh();
        BlockPeakDeltaMb = (process.PeakWorkingSet64 - before) / (double)(1 << 20);
    }

    private void Gemms()
    {
        var rng = new Generator(2);
        foreach (var n in new[] { 256, 1024, 2048 })
        {
            var a = Tensor.Randn(rng, n * n).ToArray();
            var b = Tensor.Randn(rng, n * n).ToArray();
            var c = new float[n * n];
            Results[$"gemm_{n}"] = BenchTimer.Measure(() => Gemm.Sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n), 2, n < 2048 ? repeats : Math.Max(3, repeats / 2));
        }
    }

    private void Convs()
    {
        var rng = new Generator(3);
        var x = Tensor.Randn(rng, 1, 64, 56, 56).SetRequiresGrad();
        var w = Tensor.Randn(rng, 64, 64, 3, 3).SetRequiresGrad();
        var gy = Tensor.Randn(rng, 1, 64, 56, 56);
        Results["conv3x3_64_fwd_bwd"] = BenchTimer.Measure(
            () =>
            {
                using var scope = Tensor.Scope();
                x.Grad?.ZeroInPlace();
                w.Grad?.ZeroInPlace();
                ConvOps.Conv2d(x, w, null, 1, 1).Backward(gy);
            },
            2,
            repeats);

        var xd = Tensor.Randn(rng, 1, 128, 56, 56).SetRequiresGrad();
        var wd = Tensor.Randn(rng, 128, 1, 3, 3).SetRequiresGrad();
        var gyd = Tensor.Randn(rng, 1, 128, 56, 56);
        Results["dw3x3_128_fwd"] = BenchTimer.Measure(
            () =>
            {
                using var scope = Tensor.Scope();
                using var noGrad = Tensor.NoGrad();
                ConvOps.Conv2d(xd, wd, null, 1, 1, 1, 128);
            },
            2,
            repeats);
        Results["dw3x3_128_fwd_bwd"] = BenchTimer.Measure(
            () =>
            {
                using var scope = Tensor.Scope();
                xd.Grad?.ZeroInPlace();
                wd.Grad?.ZeroInPlace();
                ConvOps.Conv2d(xd, wd, null, 1, 1, 1, 128).Backward(gyd);
            },
            2,
            repeats);
    }

    private void SmallOps()
    {
        var rng = new Generator(4);
        var s = Tensor.Randn(rng, 16);
        var a = Tensor.Randn(rng, 16);
        var b = Tensor.Randn(rng, 16);
        Results["small_ops_1000"] = BenchTimer.Measure(
            () =>
            {
                using var scope = Tensor.Scope();
                using var noGrad = Tensor.NoGrad();
                var y = s;
                for (var i = 0; i < 500; i++)
                {
                    y = y * a;
                    y = y + b;
                }
            },
            2,
            repeats);
    }

    private void AdamStep()
    {
        var rng = new Generator(5);
        var parameters = Enumerable.Range(0, 5).Select(_ => Tensor.Randn(rng, 1_000_000).SetRequiresGrad()).ToArray();
        foreach (var p in parameters)
        {
            p.Grad = Tensor.Randn(rng, 1_000_000);
        }

        var optimizer = new Adam(parameters, learningRate: 1e-3);
        Results["adam_5m_step"] = BenchTimer.Measure(optimizer.Step, 2, repeats);
    }

    /// <summary>
    /// Bytes allocated by each of 12 full training steps (forward, backward, Adam) of the block, each step inside a
    /// <c>Tensor.Scope()</c> (storage recycled through the tensor pool) with gradients zeroed in place.
    /// </summary>
    private void TrainingAllocations()
    {
        var block = new PreNormBlock(256, 8, new Generator(6));
        var optimizer = new Adam(block.NamedParameters(), learningRate: 1e-4);
        var x = Tensor.Randn(new Generator(7), 1, 150, 256);
        var perStep = new long[12];
        for (var i = 0; i < perStep.Length; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            using (Tensor.Scope())
            {
                optimizer.ZeroGrad(setToNone: false);
                block.Forward(x).Square().Mean().Backward();
                optimizer.Step();
            }

            perStep[i] = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        AllocatedBytesPerStep = perStep;
    }

    /// <summary>x + MHA(LN(x)), then + MLP(LN(·)) with a 4× GELU hidden layer; as the torch script's Block.</summary>
    private sealed class PreNormBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln1;
        private readonly MultiheadAttention attn;
        private readonly LayerNorm ln2;
        private readonly Linear fc1;
        private readonly Linear fc2;

        public PreNormBlock(int d, int heads, Generator rng)
        {
            ln1 = RegisterModule("ln1", new LayerNorm(d));
            attn = RegisterModule("attn", new MultiheadAttention(d, heads, rng));
            ln2 = RegisterModule("ln2", new LayerNorm(d));
            fc1 = RegisterModule("fc1", new Linear(d, 4 * d, rng));
            fc2 = RegisterModule("fc2", new Linear(4 * d, d, rng));
        }

        public override Tensor Forward(Tensor input)
        {
            var h = ln1.Forward(input);
            var x = input + attn.Forward(h, h, h).Output;
            return x + fc2.Forward(fc1.Forward(ln2.Forward(x)).Gelu());
        }
    }
}
