using Polypose.Tensors.Memory;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Tests.Memory;

/// <summary>Ops that take uninitialised pooled buffers must write every element before reading it.</summary>
[Trait("Stage", "Tensors")]
[Collection(PoolTestGroup.Name)]
public sealed class PoisonedPoolTests
{
    [Fact]
    public void Ops_WithNaNPoisonedBuffers_GiveSameResultsAsClean()
    {
        var clean = RunOps();
        var saved = TensorPool.PoisonUninitialized;
        float[][] poisoned;
        try
        {
            TensorPool.PoisonUninitialized = true;
            Assert.True(float.IsNaN(Tensor.Empty(64).ToArray()[0]));
            poisoned = RunOps();
        }
        finally
        {
            TensorPool.PoisonUninitialized = saved;
        }

        Assert.Equal(clean.Length, poisoned.Length);
        for (var i = 0; i < clean.Length; i++)
        {
            Assert.Equal(clean[i], poisoned[i]);
        }
    }

    private static float[][] RunOps()
    {
        var g = new Generator(21);
        var results = new List<float[]>();
        using var scope = Tensor.Scope();
        var x = Tensor.Randn(g, 2, 8, 9, 9).SetRequiresGrad();
        var w = Tensor.Randn(g, 8, 8, 3, 3).SetRequiresGrad();
        var wd = Tensor.Randn(g, 8, 1, 3, 3).SetRequiresGrad();
        var bias = Tensor.Randn(g, 8).SetRequiresGrad();
        var y = ConvOps.Conv2d(x, w, bias, 1, 1) + ConvOps.Conv2d(x, wd, null, 1, 1, 1, 8) + ConvOps.Conv2d(x, w, null, 2, 1).Sum();
        var pooled = PoolOps.MaxPool2d(y, 2, 2, 0) + PoolOps.AvgPool2d(y, 2, 2, 0);
        var seq = pooled.Reshape(2, 8, 16).Transpose(1, 2);
        var ln = new LayerNorm(8);
        var mha = new MultiheadAttention(8, 2, g);
        var h = ln.Forward(seq);
        var (a, weights) = mha.Forward(h, h, h);
        var z = (seq + a).Gelu().Softmax(-1).Matmul(Tensor.Randn(g, 8, 5)) + ConvOps.ConvTranspose2d(y, Tensor.Randn(g, 8, 2, 2, 2), null, 2, 0).Mean();
        var loss = z.Square().Mean() + weights.Sum() + z.Max(1).Values.Sum() + z.Sum(0).Square().Sum();
        loss.Backward();
        results.Add(loss.ToArray());
        foreach (var t in new[] { x, w, wd, bias, ln.Weight!, mha.InProjWeight, mha.OutProj.Weight })
        {
            results.Add(t.Grad!.ToArray());
        }

        return results.ToArray();
    }
}
