namespace Polypose.Tensors.Tests.Ops;

/// <summary>
/// Ops with a separate forward-only path (taken when no graph is recorded) give bit for bit the values of the recorded
/// path (inputs that require grad), and the row-scalar broadcast gives those of the materialised broadcast.
/// </summary>
[Trait("Stage", "Tensors")]
public sealed class ForwardOnlyPathTests
{
    // Segment ids with an empty segment (3), a one-row segment (0), repeated ids out of order, and tied values.
    private static readonly long[] Segments = [1, 0, 2, 1, 4, 2, 1, 4, 4, 2];

    public static TheoryData<int> Widths => [1, 3, 8, 11, 37];

    [Theory]
    [MemberData(nameof(Widths))]
    public void SegmentMaxSumAndSoftmaxForwardOnlyEqualTheRecordedValues(int width)
    {
        var data = Tensor.Randn(new Generator(5), Segments.Length, width).ToArray();
        data[3 * width] = data[0]; // a tie inside segment 1
        var seg = Tensor.FromArray(Segments);
        var plain = Tensor.FromArray(data, Segments.Length, width);
        var recorded = Tensor.FromArray((float[])data.Clone(), Segments.Length, width).SetRequiresGrad();
        Assert.Equal(recorded.SegmentMax(seg, 5).ToArray(), plain.SegmentMax(seg, 5).ToArray());
        Assert.Equal(recorded.SegmentSum(seg, 5).ToArray(), plain.SegmentSum(seg, 5).ToArray());
        Assert.Equal(recorded.SegmentSoftmax(seg, 5).ToArray(), plain.SegmentSoftmax(seg, 5).ToArray());
        Assert.Equal(recorded.SegmentMean(seg, 5).ToArray(), plain.SegmentMean(seg, 5).ToArray());
    }

    [Fact]
    public void SegmentMaxForwardOnlySkipsNaNRowsLikeTheRecordedPath()
    {
        var data = new[] { 1f, float.NaN, 2f, 5f };
        var seg = Tensor.FromArray(new long[] { 0, 0, 1, 1 });
        var plain = Tensor.FromArray(data, 4, 1).Expand(4, 9).Contiguous();
        var recorded = Tensor.FromArray((float[])data.Clone(), 4, 1).Expand(4, 9).Contiguous().Detach().SetRequiresGrad();
        Assert.Equal(recorded.SegmentMax(seg, 2).ToArray(), plain.SegmentMax(seg, 2).ToArray());
        Assert.All(plain.SegmentMax(seg, 2).ToArray()[..9], v => Assert.Equal(1f, v));
    }

    public static TheoryData<int[], int[]> RowScalarShapes => new()
    {
        { [5, 7, 3], [5, 7, 1] },
        { [5, 7, 3], [5, 1, 1] },
        { [6, 16], [6, 1] },
        { [4, 2, 3, 9], [4, 2, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(RowScalarShapes))]
    public void RowScalarBroadcastEqualsTheMaterialisedBroadcast(int[] full, int[] perRow)
    {
        var g = new Generator(9);
        var a = Tensor.Randn(g, full);
        var b = Tensor.Rand(g, perRow) + 0.5f;
        var wide = b.Expand(full).Contiguous();
        Assert.Equal((a + wide).ToArray(), (a + b).ToArray());
        Assert.Equal((b + a).ToArray(), (wide + a).ToArray());
        Assert.Equal((a - wide).ToArray(), (a - b).ToArray());
        Assert.Equal((wide - a).ToArray(), (b - a).ToArray());
        Assert.Equal((a * wide).ToArray(), (a * b).ToArray());
        Assert.Equal((wide * a).ToArray(), (b * a).ToArray());
        Assert.Equal((a / wide).ToArray(), (a / b).ToArray());
        Assert.Equal((wide / a).ToArray(), (b / a).ToArray());
        Assert.Equal(full, (a * b).Shape);
    }
}
