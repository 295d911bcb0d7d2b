namespace Polypose.Tensors.Tests.Core;

[Trait("Stage", "Tensors")]
public sealed class TensorCoreTests
{
    [Fact]
    public void Transpose_IsViewSharingStorage()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        var t = x.Transpose(0, 1);
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([1, 3], t.Strides);
        Assert.False(t.IsContiguous);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], t.ToArray());
        x.AsSpan()[1] = 10f;
        Assert.Equal(10f, t[1, 0]);
    }

    [Fact]
    public void Narrow_WriteThroughView_ChangesBase()
    {
        var x = Tensor.Zeros(3, 4);
        x.Narrow(1, 1, 2).FillInPlace(1f);
        Assert.Equal([0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f], x.ToArray());
    }

    [Fact]
    public void Contiguous_OfTransposed_CopiesInRowMajorOrder()
    {
        var t = Tensor.Arange(6).Reshape(2, 3).MT.Contiguous();
        Assert.True(t.IsContiguous);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], t.AsSpan().ToArray());
    }

    [Fact]
    public void Reshape_InfersMinusOne_AndRejectsBadSize()
    {
        Assert.Equal([2, 6], Tensor.Zeros(3, 4).Reshape(2, -1).Shape);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 4).Reshape(5, -1));
    }

    [Fact]
    public void View_OnNonContiguous_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(3, 4).MT.View(12));
    }

    [Fact]
    public void Expand_UsesZeroStride()
    {
        var e = Tensor.FromArray([1f, 2f], 2, 1).Expand(2, 3);
        Assert.Equal([1, 0], e.Strides);
        Assert.Equal([1f, 1f, 1f, 2f, 2f, 2f], e.ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Expand(4, 3));
    }

    [Fact]
    public void Add_BroadcastShapes_FollowPyTorchRules()
    {
        var a = Tensor.Arange(3).Reshape(3, 1);
        var b = Tensor.Arange(4);
        var c = a + b;
        Assert.Equal([3, 4], c.Shape);
        Assert.Equal(2f + 3f, c[2, 3]);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 2) + Tensor.Zeros(3));
    }

    [Fact]
    public void NegativeDims_CountFromEnd()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        Assert.Equal([2, 3], x.Sum(-1).Shape);
        Assert.Equal(4, x.Size(-1));
        Assert.Equal([2, 3, 1, 4], x.Unsqueeze(-2).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(3));
    }

    [Fact]
    public void Squeeze_Unsqueeze_Select_Shapes()
    {
        var x = Tensor.Zeros(2, 1, 3);
        Assert.Equal([2, 3], x.Squeeze().Shape);
        Assert.Equal([2, 3], x.Squeeze(1).Shape);
        Assert.Equal([2, 1, 3], x.Squeeze(0).Shape);
        Assert.Equal([1, 2, 1, 3], x.Unsqueeze(0).Shape);
        Assert.Equal([2, 1], x.Select(2, 1).Shape);
    }

    [Fact]
    public void Slice_WithStepAndNegativeBounds()
    {
        var x = Tensor.Arange(10);
        Assert.Equal([1f, 3f, 5f, 7f], x.Slice(0, 1, -1, 2).ToArray());
        Assert.Equal([8f, 9f], x.Slice(0, -2, 100).ToArray());
    }

    [Fact]
    public void Factories_ProduceExpectedValues()
    {
        Assert.Equal([0f, 0.5f, 1f, 1.5f], Tensor.Arange(0, 2, 0.5).ToArray());
        Assert.Equal([0L, 1L, 2L], Tensor.Arange(3, DType.Int64).ToInt64Array());
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f], Tensor.Eye(2, 3).ToArray());
        Assert.Equal([7f, 7f], Tensor.Full(7f, 2).ToArray());
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f], Tensor.Linspace(0, 1, 5).ToArray());
        Assert.Equal(3.5f, Tensor.Scalar(3.5f).Item());
        Assert.Equal(0, Tensor.Scalar(1f).NDim);
    }

    [Fact]
    public void DTypes_ConvertAndCompare()
    {
        var x = Tensor.FromArray([1.5f, -2.7f, 0f]);
        Assert.Equal([1L, -2L, 0L], x.To(DType.Int64).ToInt64Array());
        Assert.Equal([true, true, false], x.To(DType.Bool).ToBoolArray());
        Assert.Equal([false, true, false], x.Lt(0f).ToBoolArray());
        Assert.Equal(DType.Bool, x.Eq(x).DType);
        Assert.True(Tensor.FromArray(new long[] { 3, 4 }).Eq(Tensor.FromArray(new long[] { 3, 5 })).Any());
    }

    [Fact]
    public void Item_OnMultiElement_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item());
    }

    [Fact]
    public void ToString_ShowsShapeAndValues()
    {
        var s = Tensor.Arange(3).ToString();
        Assert.Contains("[3]", s, StringComparison.Ordinal);
        Assert.Contains("2", s, StringComparison.Ordinal);
    }
}
