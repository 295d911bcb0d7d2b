namespace Polypose.Tensors.Tests.Ops;

/// <summary>Forward values of ops against hand-computed results or naive loops.</summary>
[Trait("Stage", "Tensors")]
public sealed class ForwardValueTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Matmul_BatchedAndTransposed_MatchesNaiveLoop(bool transA, bool transB)
    {
        var g = new Generator(1);
        var a = transA ? Tensor.Randn(g, 2, 5, 3).MT : Tensor.Randn(g, 2, 3, 5);
        var b = transB ? Tensor.Randn(g, 4, 5).MT : Tensor.Randn(g, 5, 4);
        var c = a.Matmul(b);
        Assert.Equal([2, 3, 4], c.Shape);
        for (var n = 0; n < 2; n++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 4; j++)
                {
                    double s = 0;
                    for (var k = 0; k < 5; k++)
                    {
                        s += a[n, i, k] * b[k, j];
                    }

                    Assert.Equal(s, c[n, i, j], 4);
                }
            }
        }
    }

    [Fact]
    public void Matmul_ShapeMismatch_ThrowsWithBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Matmul(Tensor.Zeros(4, 2)));
        Assert.Contains("[2, 3]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Erf_And_Gelu_MatchTabulatedValues()
    {
        // Abramowitz & Stegun table 7.1: erf(0.5) = 0.5204998778, erf(1) = 0.8427007929, erf(2) = 0.9953222650.
        var erf = Tensor.FromArray([0.5f, 1f, 2f, -1f]).Erf().ToArray();
        Assert.Equal(0.5204998778f, erf[0], 6);
        Assert.Equal(0.8427007929f, erf[1], 6);
        Assert.Equal(0.9953222650f, erf[2], 6);
        Assert.Equal(-0.8427007929f, erf[3], 6);

        // GELU(1) = Φ(1) = 0.8413447461; GELU(-1) = -(1 - Φ(1)).
        var gelu = Tensor.FromArray([1f, -1f]).Gelu().ToArray();
        Assert.Equal(0.8413447461f, gelu[0], 6);
        Assert.Equal(-0.1586552539f, gelu[1], 6);
    }

    [Fact]
    public void Softmax_FullyMaskedRow_IsZeroNotNaN()
    {
        var x = Tensor.FromArray([float.NegativeInfinity, float.NegativeInfinity, 0f, 0f], 2, 2);
        Assert.Equal([0f, 0f, 0.5f, 0.5f], x.Softmax(-1).ToArray());
        Assert.Equal(float.NegativeInfinity, x.LogSumExp(-1).ToArray()[0]);
    }

    [Fact]
    public void LogSumExp_LargeValues_IsStable()
    {
        var x = Tensor.FromArray([1000f, 1000f]);
        Assert.Equal(1000f + MathF.Log(2f), x.LogSumExp(0).Item(), 3);
        Assert.Equal([0.5f, 0.5f], x.Softmax(0).ToArray());
    }

    [Fact]
    public void MaxMin_WithIndices_PickFirstExtreme()
    {
        var x = Tensor.FromArray([3f, 1f, 3f, 0f, 5f, -2f], 2, 3);
        var (v, i) = x.Max(1);
        Assert.Equal([3f, 5f], v.ToArray());
        Assert.Equal([0L, 1L], i.ToInt64Array());
        Assert.Equal(DType.Int64, i.DType);
        Assert.Equal([1L, 0L, 1L], x.Argmin(0).ToInt64Array());
        Assert.Equal(4L, x.Argmax().ItemInt64());
        Assert.Equal([2, 1], x.Max(1, keepDim: true).Values.Shape);
    }

    [Fact]
    public void TopK_And_Sort_OrderValuesAndIndices()
    {
        var x = Tensor.FromArray([0.3f, -1f, 2f, 0.3f, 5f]);
        var (v, i) = x.TopK(3);
        Assert.Equal([5f, 2f, 0.3f], v.ToArray());
        Assert.Equal([4L, 2L, 0L], i.ToInt64Array());
        var (sv, si) = x.Sort();
        Assert.Equal([-1f, 0.3f, 0.3f, 2f, 5f], sv.ToArray());
        Assert.Equal([1L, 0L, 3L, 2L, 4L], si.ToInt64Array());
        var (_, smallest) = x.TopK(2, largest: false);
        Assert.Equal([1L, 0L], smallest.ToInt64Array());
    }

    [Fact]
    public void Gather_ScatterAdd_FollowPyTorchDefinition()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var idx = Tensor.FromArray(new long[] { 0, 0, 1, 0 }, 2, 2);
        Assert.Equal([1f, 1f, 4f, 3f], x.Gather(1, idx).ToArray());
        var s = Tensor.Zeros(2, 3).ScatterAdd(1, idx, x);
        Assert.Equal([3f, 0f, 0f, 4f, 3f, 0f], s.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(1, Tensor.FromArray(new long[] { 0, 2, 0, 0 }, 2, 2)));
    }

    [Fact]
    public void IndexSelect_OutOfRange_NamesIndexAndSize()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(3, 2).IndexSelect(0, Tensor.FromArray(new long[] { 3 })));
        Assert.Contains("index 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("size 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentOps_MatchManualLoops()
    {
        var x = Tensor.FromArray([1f, 10f, 2f, 20f, 3f, 30f, 4f, 40f], 4, 2);
        var seg = Tensor.FromArray(new long[] { 0, 2, 0, 2 });
        Assert.Equal([4f, 40f, 0f, 0f, 6f, 60f], x.SegmentSum(seg, 3).ToArray());
        Assert.Equal([2f, 20f, 0f, 0f, 3f, 30f], x.SegmentMean(seg, 3).ToArray());
        Assert.Equal([3f, 30f, 0f, 0f, 4f, 40f], x.SegmentMax(seg, 3).ToArray());
        var sm = x.SegmentSoftmax(seg, 3).ToArray();
        var e1 = 1 / (1 + Math.Exp(2));
        Assert.Equal(e1, sm[0], 5);
        Assert.Equal(1 - e1, sm[4], 5);
        var lse = x.SegmentLogSumExp(seg, 3).ToArray();
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(3)), lse[0], 5);
        Assert.Equal(0f, lse[2]);
        Assert.All(lse, v => Assert.True(float.IsFinite(v)));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SegmentSum(Tensor.FromArray(new long[] { 0, 3, 0, 0 }), 3));
    }

    [Fact]
    public void CatStackSplitChunk_Shapes()
    {
        var a = Tensor.Arange(6).Reshape(2, 3);
        var c = Tensor.Cat([a, a], 1);
        Assert.Equal([2, 6], c.Shape);
        Assert.Equal([0f, 1f, 2f, 0f, 1f, 2f], c.Select(0, 0).ToArray());
        Assert.Equal([2, 2, 3], Tensor.Stack([a, a], 1).Shape);
        Assert.Equal([2, 1, 2], a.Split(2, 1).Select(t => t.Size(1)).Append(a.Chunk(2, 1).Length).ToArray());
        Assert.Equal([3L, 4L, 5L, 3L, 4L, 5L], Tensor.Cat([Tensor.Arange(3, 6, 1, DType.Int64), Tensor.Arange(3, 6, 1, DType.Int64)]).ToInt64Array());
        Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Tensor.Zeros(3, 3)], 1));
    }

    [Fact]
    public void WhereAndMaskedFill_Broadcast()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        var mask = Tensor.FromArray([true, false, true]);
        Assert.Equal([-1f, 1f, -1f, -1f, 4f, -1f], x.MaskedFill(mask, -1f).ToArray());
        Assert.Equal([0f, 9f, 2f, 3f, 9f, 5f], Tensor.Where(mask, x, 9f).ToArray());
    }

    [Fact]
    public void VarAndMean_MatchDefinitions()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        Assert.Equal([1.5f, 3.5f], x.Mean(1).ToArray());
        Assert.Equal([2f, 2f], x.Var(0).ToArray());
        Assert.Equal([1f, 1f], x.Var(0, correction: 0).ToArray());
        Assert.Equal(0f, Tensor.FromArray([5f]).Var().Item());
        Assert.Equal(1.25f, x.Var([], correction: 0).Item());
    }
}
