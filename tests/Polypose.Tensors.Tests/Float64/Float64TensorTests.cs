namespace Polypose.Tensors.Tests.Float64;

/// <summary>Float64 storage, factories, conversion, forward values and the dtype-mismatch errors.</summary>
[Trait("Stage", "Tensors")]
public sealed class Float64TensorTests
{
    [Fact]
    public void Factories_MakeFloat64TensorsWithTheRequestedValues()
    {
        Assert.Equal(DType.Float64, Tensor.Zeros(DType.Float64, 2, 3).DType);
        Assert.Equal(new double[6], Tensor.Zeros(DType.Float64, 2, 3).ToFloat64Array());
        Assert.Equal([1.0, 1.0], Tensor.Ones(DType.Float64, 2).ToFloat64Array());
        Assert.Equal([0.1, 0.1, 0.1], Tensor.Full(DType.Float64, 0.1, 3).ToFloat64Array());
        var t = Tensor.FromFloat64Array([1e-300, 0.1, Math.PI, -2.5], 2, 2);
        Assert.Equal([2, 2], t.Shape);
        Assert.Equal([1e-300, 0.1, Math.PI, -2.5], t.ToFloat64Array());
        Assert.Equal(Math.PI, t.Select(0, 1).Select(0, 0).ItemFloat64());
        Assert.Equal(0.1, Tensor.Full(DType.Float64, 0.1).ItemFloat64());
        Assert.Equal(DType.Float64, Tensor.OnesLike(t).DType);
        Assert.Equal(DType.Float64, Tensor.ZerosLike(t).DType);
    }

    [Fact]
    public void FromFloat64Array_CopiesItsInput()
    {
        var data = new[] { 1.0, 2.0 };
        var t = Tensor.FromFloat64Array(data);
        data[0] = 9;
        Assert.Equal([1.0, 2.0], t.ToFloat64Array());
    }

    [Fact]
    public void To_RoundTripsBetweenFloat32AndFloat64AndOtherDTypes()
    {
        var d = Tensor.FromFloat64Array([0.1, -1.5, 3.0, 1e-40]);
        var f = d.To(DType.Float32);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal([0.1f, -1.5f, 3f, 1e-40f], f.ToArray());
        Assert.Equal([(double)0.1f, -1.5, 3.0, (double)1e-40f], f.To(DType.Float64).ToFloat64Array());
        Assert.Equal([0L, -1L, 3L, 0L], d.To(DType.Int64).ToInt64Array());
        Assert.Equal([true, true, true, true], d.To(DType.Bool).ToBoolArray());
        Assert.Equal([2.0, 0.0], Tensor.FromArray(new long[] { 2, 0 }).To(DType.Float64).ToFloat64Array());
        Assert.Equal([1.0, 0.0], Tensor.FromArray([true, false]).To(DType.Float64).ToFloat64Array());
        Assert.Equal([0.1f, -1.5f, 3f, 1e-40f], d.ToArray());
    }

    [Fact]
    public void Ops_KeepDoublePrecision()
    {
        // 1 + 1e-12 is not representable in float32; the float64 path must keep it.
        var x = Tensor.FromFloat64Array([1e-12, 2e-12]);
        Assert.Equal([1 + 1e-12, 1 + 2e-12], x.Add(1.0).ToFloat64Array());
        Assert.Equal([1e-12 / 3, 2e-12 / 3], x.Div(3.0).ToFloat64Array());
        Assert.Equal([Math.Log(1 + 1e-12), Math.Log(1 + 2e-12)], x.Log1P().ToFloat64Array());
        Assert.Equal(3e-12, x.Sum().ItemFloat64(), 1e-27);
    }

    [Fact]
    public void LogSumExp_MatchesAScalarLoopAndSurvivesLargeLogits()
    {
        double[] v = [700, 701, -5, 702.5, 0.25, 699];
        var t = Tensor.FromFloat64Array(v, 2, 3);
        var rows = t.LogSumExp(1).ToFloat64Array();
        for (var r = 0; r < 2; r++)
        {
            var m = Math.Max(v[3 * r], Math.Max(v[(3 * r) + 1], v[(3 * r) + 2]));
            var s = Math.Exp(v[3 * r] - m) + Math.Exp(v[(3 * r) + 1] - m) + Math.Exp(v[(3 * r) + 2] - m);
            Assert.Equal(m + Math.Log(s), rows[r], 1e-12);
        }

        Assert.Equal([2, 1], t.LogSumExp(1, keepDim: true).Shape);
    }

    [Fact]
    public void SegmentOps_MatchScalarLoops()
    {
        double[] v = [0.5, -1.25, 3.0, 2.0, -0.75, 10.0];
        long[] seg = [0, 2, 0, 2, 2, 1];
        var x = Tensor.FromFloat64Array(v);
        var sum = x.SegmentSum(Tensor.FromArray(seg), 4).ToFloat64Array();
        var max = x.SegmentMax(Tensor.FromArray(seg), 4).ToFloat64Array();
        var lse = x.SegmentLogSumExp(Tensor.FromArray(seg), 4).ToFloat64Array();
        Assert.Equal([3.5, 10.0, -0.0, 0.0], [sum[0], sum[1], sum[2] - (-1.25 + 2.0 - 0.75), sum[3]]);
        Assert.Equal([3.0, 10.0, 2.0, 0.0], max);
        Assert.Equal(Math.Log(Math.Exp(0.5) + Math.Exp(3.0)), lse[0], 1e-14);
        Assert.Equal(10.0, lse[1], 1e-14);
        Assert.Equal(Math.Log(Math.Exp(-1.25) + Math.Exp(2.0) + Math.Exp(-0.75)), lse[2], 1e-14);
        Assert.Equal(0.0, lse[3]);
    }

    [Fact]
    public void IndexingOps_MoveFloat64Values()
    {
        var x = Tensor.FromFloat64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 2, 3);
        Assert.Equal([0.3, 0.1, 0.6, 0.4], x.IndexSelect(1, Tensor.FromArray(new long[] { 2, 0 })).ToFloat64Array());
        Assert.Equal([0.2, 0.6], x.Gather(1, Tensor.FromArray(new long[] { 1, 2 }, 2, 1)).ToFloat64Array());
        var s = Tensor.Zeros(DType.Float64, 2, 2).ScatterAdd(1, Tensor.FromArray(new long[] { 1, 1, 0, 0 }, 2, 2), x.Narrow(1, 0, 2));
        Assert.Equal([0.0, 0.1 + 0.2, 0.4 + 0.5, 0.0], s.ToFloat64Array());
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.1, 0.2, 0.3], Tensor.Cat([x, x.Narrow(0, 0, 1)]).ToFloat64Array());
        Assert.Equal([2, 2, 3], Tensor.Stack([x, x]).Shape);
        Assert.Equal([0.1, -1.0, -1.0, 0.4, 0.5, 0.6], x.MaskedFill(Tensor.FromArray([false, true, true, false, false, false], 2, 3), -1.0).ToFloat64Array());
    }

    [Fact]
    public void MixedDTypes_FailWithAClearError()
    {
        var d = Tensor.Ones(DType.Float64, 3);
        var f = Tensor.Ones(3);
        foreach (var op in new Func<Tensor>[] { () => d + f, () => f * d, () => d.IndexAdd(0, Tensor.FromArray(new long[] { 0, 1, 2 }), f), () => Tensor.Where(Tensor.FromArray([true, false, true]), d, f) })
        {
            var e = Assert.Throws<InvalidOperationException>(op);
            Assert.Contains("dtype mismatch", e.Message, StringComparison.Ordinal);
            Assert.Contains("Float32", e.Message, StringComparison.Ordinal);
            Assert.Contains("Float64", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Backward_WithGradientOfAnotherDType_FailsWithAClearError()
    {
        var x = Tensor.Ones(DType.Float64, 2).SetRequiresGrad();
        var y = x.Exp();
        var e = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones(2)));
        Assert.Contains("gradient dtype Float32 does not match tensor dtype Float64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_AccumulatesFloat64LeafGradientsAcrossCalls()
    {
        var x = Tensor.FromFloat64Array([0.5, -2.0]).SetRequiresGrad();
        x.Mul(x).Sum().Backward();
        x.Mul(3.0).Sum().Backward();
        Assert.Equal([(2 * 0.5) + 3, (2 * -2.0) + 3], x.Grad!.ToFloat64Array());
    }

    [Fact]
    public void UnsupportedOp_OnFloat64_NamesTheDType()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Ones(DType.Float64, 2, 2).Softmax(-1));
        Assert.Contains("Float64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopedFloat64Storage_IsReleasedAndRecycled()
    {
        Tensor inner;
        using (Tensor.Scope())
        {
            inner = Tensor.Ones(DType.Float64, 64).Exp();
        }

        Assert.True(inner.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => inner.ToFloat64Array());
    }

    [Fact]
    public void SparseSinkhorn_ConvergesToItsMarginals()
    {
        var x = Float64GradCheckTests.SparseSinkhorn(Tensor.FromFloat64Array([0.3, -1.2, 2.0, 0.1, -0.4, 0.8, 1.1]), 200);
        long[] v0 = [0, 0, 1, 1, 2, 2, 0];
        long[] v1 = [0, 1, 0, 2, 1, 2, 2];
        var m0 = x.SegmentSum(Tensor.FromArray(v0), 3).ToFloat64Array();
        var m1 = x.SegmentSum(Tensor.FromArray(v1), 3).ToFloat64Array();
        Assert.All(m0, m => Assert.Equal(1.0 / 3, m, 1e-12));
        Assert.All(m1, m => Assert.Equal(1.0 / 3, m, 1e-12));
    }
}
