using Polypose.Tensors.Nn;

namespace Polypose.Tensors.Tests.Nn;

[Trait("Stage", "Tensors")]
public sealed class ModuleTests
{
    [Fact]
    public void StateDict_UsesPyTorchKeyNames()
    {
        var mlp = new Mlp(3, [4, 2], new Generator(1));
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"], mlp.StateDict().Keys);
        var mha = new MultiheadAttention(8, 2, new Generator(1));
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], mha.StateDict().Keys);
        var bn = new BatchNorm2d(3);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        var list = new ModuleList<Linear>(new Linear(2, 2, new Generator(1)), new Linear(2, 3, new Generator(2)));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], list.StateDict().Keys);
    }

    [Fact]
    public void LoadStateDict_CopiesValues_AndChecksKeysAndShapes()
    {
        var a = new Mlp(3, [4, 2], new Generator(1));
        var b = new Mlp(3, [4, 2], new Generator(2));
        var x = Tensor.Randn(new Generator(3), 5, 3);
        Assert.NotEqual(a.Forward(x).ToArray(), b.Forward(x).ToArray());
        b.LoadStateDict(a.StateDict());
        Assert.Equal(a.Forward(x).ToArray(), b.Forward(x).ToArray());

        var missing = a.StateDict();
        missing.Remove("layers.2.bias");
        Assert.Throws<ArgumentException>(() => b.LoadStateDict(missing));
        Assert.Equal(["layers.2.bias"], b.LoadStateDict(missing, strict: false));
        var wrong = a.StateDict();
        wrong["layers.0.bias"] = Tensor.Zeros(5);
        var e = Assert.Throws<ArgumentException>(() => b.LoadStateDict(wrong));
        Assert.Contains("layers.0.bias", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_Forward_IsXWTransposePlusBias()
    {
        var lin = new Linear(3, 2, new Generator(5));
        var x = Tensor.Randn(new Generator(6), 4, 3);
        var y = lin.Forward(x).ToArray();
        var w = lin.Weight.ToArray();
        var b = lin.Bias!.ToArray();
        var xv = x.ToArray();
        for (var i = 0; i < 4; i++)
        {
            for (var o = 0; o < 2; o++)
            {
                double s = b[o];
                for (var k = 0; k < 3; k++)
                {
                    s += xv[(i * 3) + k] * w[(o * 3) + k];
                }

                Assert.Equal(s, y[(i * 2) + o], 5);
            }
        }

        var bound = 1 / Math.Sqrt(3);
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void BatchNorm2d_Train_NormalisesAndUpdatesRunningStats()
    {
        var bn = new BatchNorm2d(2);
        var x = Tensor.Normal(new Generator(7), [4, 2, 3, 3], 5f, 2f);
        var y = bn.Forward(x);
        var perChannelMean = y.Mean([0, 2, 3]).ToArray();
        var perChannelVar = y.Var([0, 2, 3], correction: 0).ToArray();
        Assert.All(perChannelMean, m => Assert.InRange(m, -1e-4f, 1e-4f));
        Assert.All(perChannelVar, v => Assert.InRange(v, 0.999f, 1.0001f));
        var batchMean = x.Mean([0, 2, 3]).ToArray();
        var batchVar = x.Var([0, 2, 3], correction: 1).ToArray();
        for (var c = 0; c < 2; c++)
        {
            Assert.Equal(0.1f * batchMean[c], bn.RunningMean.ToArray()[c], 4);
            Assert.Equal(0.9f + (0.1f * batchVar[c]), bn.RunningVar.ToArray()[c], 4);
        }

        Assert.Equal(1L, bn.NumBatchesTracked.ItemInt64());
        bn.Eval();
        var expected = x.Sub(bn.RunningMean.Reshape(1, 2, 1, 1)).Div(bn.RunningVar.Add(1e-5f).Sqrt().Reshape(1, 2, 1, 1));
        Assert.Equal(expected.ToArray(), bn.Forward(x).ToArray(), (p, q) => MathF.Abs(p - q) < 1e-4f);
    }

    [Fact]
    public void Dropout_TrainScalesSurvivors_EvalIsIdentity()
    {
        var d = new Dropout(0.25f, new Generator(8));
        var x = Tensor.Ones(10000);
        var y = d.Forward(x).ToArray();
        Assert.All(y, v => Assert.True(v == 0f || MathF.Abs(v - (1f / 0.75f)) < 1e-6f));
        Assert.InRange(y.Count(v => v == 0f) / 10000.0, 0.23, 0.27);
        d.Eval();
        Assert.Same(x, d.Forward(x));
    }

    [Fact]
    public void MultiheadAttention_KeyPaddingMask_IgnoresMaskedKeys()
    {
        var mha = new MultiheadAttention(8, 2, new Generator(9));
        var q = Tensor.Randn(new Generator(10), 2, 3, 8);
        var kv = Tensor.Randn(new Generator(11), 2, 4, 8);
        var mask = Tensor.FromArray([false, false, true, true, false, false, false, true], 2, 4);
        var (out1, w1) = mha.Forward(q, kv, kv, mask);
        var kv2 = kv.Clone();
        kv2.Select(0, 0).Narrow(0, 2, 2).FillInPlace(100f);
        var (out2, _) = mha.Forward(q, kv2, kv2, mask);
        Assert.Equal(out1.ToArray(), out2.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);
        Assert.Equal(0f, w1[0, 1, 2]);
        Assert.Equal(0f, w1[1, 2, 3]);
        Assert.Equal([2, 3, 4], w1.Shape);
        Assert.All(w1.Sum(-1).ToArray(), s => Assert.Equal(1f, s, 5));
    }

    [Fact]
    public void MultiheadAttention_AllKeysMasked_GivesFiniteOutput()
    {
        var mha = new MultiheadAttention(4, 1, new Generator(12));
        var x = Tensor.Randn(new Generator(13), 1, 2, 4);
        var (output, weights) = mha.Forward(x, x, x, Tensor.FromArray([true, true], 1, 2));
        Assert.All(output.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(weights.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TrainEval_PropagatesToChildren()
    {
        var seq = new Sequential(new Linear(2, 2, new Generator(1)), new Dropout(0.5f, new Generator(2)));
        seq.Eval();
        Assert.False(seq[1].Training);
        seq.Train();
        Assert.True(seq[1].Training);
    }

    [Fact]
    public void Init_Xavier_And_Kaiming_HaveExpectedSpread()
    {
        var w = Tensor.Zeros(200, 300);
        Init.XavierUniform(w, new Generator(1));
        var bound = Math.Sqrt(6.0 / 500);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.InRange(Math.Sqrt(w.Var().Item()), bound / Math.Sqrt(3) * 0.97, bound / Math.Sqrt(3) * 1.03);
        Init.KaimingNormal(w, new Generator(2));
        Assert.InRange(Math.Sqrt(w.Var().Item()), Math.Sqrt(2.0 / 300) * 0.97, Math.Sqrt(2.0 / 300) * 1.03);
        Init.XavierNormal(w, new Generator(3));
        Assert.InRange(Math.Sqrt(w.Var().Item()), Math.Sqrt(2.0 / 500) * 0.97, Math.Sqrt(2.0 / 500) * 1.03);
    }

    [Fact]
    public void Embedding_LooksUpRows()
    {
        var e = new Embedding(4, 3, new Generator(1));
        var y = e.Forward(Tensor.FromArray(new long[] { 3, 1 }, 1, 2));
        Assert.Equal([1, 2, 3], y.Shape);
        Assert.Equal(e.Weight.Select(0, 3).ToArray(), y.Select(1, 0).Squeeze().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Forward(Tensor.FromArray(new long[] { 4 })));
    }
}
