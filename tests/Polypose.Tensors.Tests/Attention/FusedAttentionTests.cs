using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Tests.Attention;

[Trait("Stage", "Tensors")]
public sealed class FusedAttentionTests
{
    [Fact]
    public void ScaledDotProduct_StridedHeads_MatchesCompositeForwardAndGradients()
    {
        const int b = 2, t = 7, s = 5, h = 3, d = 4;
        var qp = GradCheck.Input(1, b, t, h * d).SetRequiresGrad();
        var kp = GradCheck.Input(2, b, s, h * d).SetRequiresGrad();
        var vp = GradCheck.Input(3, b, s, h * d).SetRequiresGrad();
        var mask = Tensor.Randn(new Generator(4), 1, 1, t, s);
        var r = Tensor.Randn(new Generator(5), b, t, h * d);
        var rw = Tensor.Randn(new Generator(6), b, h, t, s);

        Tensor Heads(Tensor x, int len) => x.Reshape(b, len, h, d).Transpose(1, 2);

        var (fo, fw) = AttentionOps.ScaledDotProduct(Heads(qp, t), Heads(kp, s), Heads(vp, s), mask);
        ((fo.Transpose(1, 2).Reshape(b, t, h * d) * r).Sum() + (fw * rw).Sum()).Backward();
        var fused = new[] { fo.Contiguous().ToArray(), fw.ToArray(), qp.Grad!.ToArray(), kp.Grad!.ToArray(), vp.Grad!.ToArray() };
        qp.Grad = kp.Grad = vp.Grad = null;

        var scores = Heads(qp, t).Matmul(Heads(kp, s).MT).Mul(1f / MathF.Sqrt(d)).Add(mask);
        var cw = scores.Softmax(-1);
        var co = cw.Matmul(Heads(vp, s));
        ((co.Transpose(1, 2).Reshape(b, t, h * d) * r).Sum() + (cw * rw).Sum()).Backward();
        var composite = new[] { co.Contiguous().ToArray(), cw.ToArray(), qp.Grad!.ToArray(), kp.Grad!.ToArray(), vp.Grad!.ToArray() };

        for (var i = 0; i < fused.Length; i++)
        {
            KernelClose(composite[i], fused[i], $"part {i}");
        }
    }

    [Fact]
    public void ScaledDotProduct_FiniteDifferences_GradientsCorrect()
    {
        var mask = Tensor.Randn(new Generator(7), 3, 4);
        GradCheck.Check(x => AttentionOps.ScaledDotProduct(x[0], x[1], x[2], mask).Output, GradCheck.Input(8, 2, 2, 3, 4), GradCheck.Input(9, 2, 2, 4, 4), GradCheck.Input(10, 2, 2, 4, 5));
        GradCheck.Check(x => AttentionOps.ScaledDotProduct(x[0], x[1], x[2], scale: 0.7f).Weights, GradCheck.Input(11, 1, 2, 3, 4), GradCheck.Input(12, 1, 2, 2, 4), GradCheck.Input(13, 1, 2, 2, 3));
    }

    [Fact]
    public void ScaledDotProduct_FullyBlockedQuery_ZeroWeightsAndNoNaN()
    {
        var additive = AttentionOps.BlockedToAdditive(Tensor.FromArray([false, false, false, true, true, true], 2, 3));
        var q = GradCheck.Input(14, 1, 1, 2, 4).SetRequiresGrad();
        var k = GradCheck.Input(15, 1, 1, 3, 4).SetRequiresGrad();
        var v = GradCheck.Input(16, 1, 1, 3, 4).SetRequiresGrad();
        var (o, w) = AttentionOps.ScaledDotProduct(q, k, v, additive);
        o.Sum().Backward();
        Assert.All(w.ToArray().Skip(3), x => Assert.Equal(0f, x));
        Assert.All(o.Contiguous().ToArray().Skip(4), x => Assert.Equal(0f, x));
        Assert.Equal(1f, w.ToArray().Take(3).Sum(), 5);
        Assert.All(q.Grad!.ToArray().Concat(k.Grad!.ToArray()).Concat(v.Grad!.ToArray()), x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void MultiheadAttention_FusedPath_MatchesDropoutFreeComposite()
    {
        var mha = new MultiheadAttention(12, 3, new Generator(17));
        var x = GradCheck.Input(18, 2, 6, 12).SetRequiresGrad();
        var pad = Tensor.FromArray([false, false, false, false, true, true, false, false, false, false, false, true], 2, 6);
        var (o, w) = mha.Forward(x, x, x, pad);
        o.Square().Sum().Backward();
        var fused = new[] { o.ToArray(), w.ToArray(), x.Grad!.ToArray(), mha.InProjWeight.Grad!.ToArray() };
        x.Grad = null;
        mha.ZeroGrad();

        var wq = mha.InProjWeight.Chunk(3, 0);
        var bq = mha.InProjBias.Chunk(3, 0);
        Tensor Heads(int i) => Functional.Linear(x, wq[i], bq[i]).Reshape(2, 6, 3, 4).Transpose(1, 2);
        var scores = Heads(0).Matmul(Heads(1).MT).Mul(0.5f).MaskedFill(pad.Reshape(2, 1, 1, 6), float.NegativeInfinity);
        var attn = scores.Softmax(-1);
        var co = mha.OutProj.Forward(attn.Matmul(Heads(2)).Transpose(1, 2).Reshape(2, 6, 12));
        co.Square().Sum().Backward();
        var composite = new[] { co.ToArray(), attn.Mean(1).ToArray(), x.Grad!.ToArray(), mha.InProjWeight.Grad!.ToArray() };
        for (var i = 0; i < fused.Length; i++)
        {
            KernelClose(composite[i], fused[i], $"part {i}");
        }
    }

    [Fact]
    public void FunctionalAttention_ThreeDimInputs_MatchesExplicitSoftmax()
    {
        var q = GradCheck.Input(19, 2, 3, 4);
        var k = GradCheck.Input(20, 2, 5, 4);
        var v = GradCheck.Input(21, 2, 5, 2);
        var (o, w) = Functional.ScaledDotProductAttention(q, k, v);
        var expectedW = q.Matmul(k.MT).Mul(0.5f).Softmax(-1);
        KernelClose(expectedW.ToArray(), w.ToArray(), "weights");
        KernelClose(expectedW.Matmul(v).ToArray(), o.Contiguous().ToArray(), "output");
        Assert.Equal(new[] { 2, 3, 2 }, o.Shape);
    }

    private static void KernelClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f + (1e-4f * MathF.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
