using Polypose.Detection.TfjsGraph;
using Polypose.Detection.TfjsGraph.Ops;

namespace Polypose.Detection.Tests;

/// <summary>Each runtime op against hand-computed TensorFlow results.</summary>
public sealed class TfjsOpTests
{
    private static TfjsTensor F(int[] shape, params float[] v) => TfjsTensor.FromFloats(shape, v);

    private static TfjsTensor I(int[] shape, params int[] v) => TfjsTensor.FromInts(shape, v);

    [Fact]
    public void SamePaddingPutsTheOddPixelAfterForStrideTwo()
    {
        Assert.Equal((128, 0), SamePadding.Axis(256, 3, 2, 1, same: true));
        Assert.Equal((5, 1), SamePadding.Axis(5, 3, 1, 1, same: true));
        Assert.Equal((3, 0), SamePadding.Axis(5, 3, 1, 1, same: false));
        Assert.Equal((3, 1), SamePadding.Axis(5, 3, 2, 1, same: true));
    }

    [Fact]
    public void Conv2dStrideTwoSameMatchesHandComputedValues()
    {
        // 1x4x4x1 input 1..16, 3x3 filter of ones, stride 2, SAME: pad 0 before, 1 after.
        var x = F([1, 4, 4, 1], [.. Enumerable.Range(1, 16).Select(v => (float)v)]);
        var w = F([3, 3, 1, 1], [.. Enumerable.Repeat(1f, 9)]);
        var y = NhwcConvolution.Conv2d(x, w, F([1], 0.5f), 2, 2, 1, 1, same: true, Activation.None);
        Assert.Equal([1, 2, 2, 1], y.Shape);
        // windows rows 0-2/cols 0-2 = 54; rows 0-2/cols 2-3 = 3+4+7+8+11+12 = 45; rows 2-3/cols 0-2 = 9+10+11+13+14+15 = 72; rows 2-3/cols 2-3 = 11+12+15+16 = 54.
        Assert.Equal([54.5f, 45.5f, 72.5f, 54.5f], y.Floats);
    }

    [Fact]
    public void PointwiseConvIsAMatrixProductWithBiasAndRelu6()
    {
        var x = F([1, 1, 2, 2], 1, 2, 3, 4);
        var w = F([1, 1, 2, 3], 1, 0, 2, 0, 1, 3);
        var y = NhwcConvolution.Conv2d(x, w, F([3], 0, 0, -1), 1, 1, 1, 1, same: false, Activation.Relu6);
        // pixel (1,2): [1, 2, 2+6-1] -> [1, 2, 6 (clipped from 7)]; pixel (3,4): [3, 4, 6+12-1 = 17 -> 6].
        Assert.Equal([1f, 2f, 6f, 3f, 4f, 6f], y.Floats);
    }

    [Theory]
    [InlineData(7, 5, 37)]
    [InlineData(8, 24, 144)]
    [InlineData(3, 2, 9)]
    [InlineData(19, 40, 40)]
    [InlineData(17, 3, 16)]
    [InlineData(9, 1440, 64)]
    [InlineData(11, 24, 24)]
    public void PointwiseKernelMatchesANaiveTripleLoopIncludingTails(int m, int k, int n)
    {
        var rng = new Random(11);
        var x = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var w = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = NhwcConvolution.Conv2d(F([1, 1, m, k], x), F([1, 1, k, n], w), F([n], b), 1, 1, 1, 1, same: true, Activation.Relu6);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = b[j];
                for (var p = 0; p < k; p++)
                {
                    s += (double)x[(i * k) + p] * w[(p * n) + j];
                }

                Assert.InRange(y.Floats[(i * n) + j], Math.Clamp(s, 0, 6) - 1e-5, Math.Clamp(s, 0, 6) + 1e-5);
            }
        }
    }

    [Fact]
    public void DepthwiseKeepsChannelsApart()
    {
        // 1x2x2x2: channel 0 = 1,2,3,4; channel 1 = 10,20,30,40. 3x3 SAME, stride 1; filter ch0 all ones, ch1 centre 1.
        var x = F([1, 2, 2, 2], 1, 10, 2, 20, 3, 30, 4, 40);
        var w = new float[18];
        for (var t = 0; t < 9; t++)
        {
            w[(t * 2) + 0] = 1;
            w[(t * 2) + 1] = t == 4 ? 1 : 0;
        }

        var y = NhwcConvolution.Depthwise(x, F([3, 3, 2, 1], w), null, 1, 1, 1, 1, same: true, Activation.None);
        Assert.Equal([10f, 10f, 10f, 20f, 10f, 30f, 10f, 40f], y.Floats);
    }

    [Theory]
    [InlineData(7, 9, 32, 1, true)]
    [InlineData(8, 10, 16, 2, true)]
    [InlineData(9, 7, 48, 2, true)]
    [InlineData(6, 6, 16, 1, false)]
    [InlineData(2, 2, 16, 1, true)]
    [InlineData(5, 3, 20, 2, true)]
    public void Depthwise3x3MatchesANaiveLoopAtBordersAndStrides(int h, int w, int c, int stride, bool same)
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, h * w * c).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var f = Enumerable.Range(0, 9 * c).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, c).Select(_ => ((float)rng.NextDouble() - 0.5f) * 0.1f).ToArray();
        var y = NhwcConvolution.Depthwise(F([1, h, w, c], x), F([3, 3, c, 1], f), F([c], b), stride, stride, 1, 1, same, Activation.Relu);
        var (oh, top) = SamePadding.Axis(h, 3, stride, 1, same);
        var (ow, left) = SamePadding.Axis(w, 3, stride, 1, same);
        Assert.Equal([1, oh, ow, c], y.Shape);
        for (var oy = 0; oy < oh; oy++)
        {
            for (var ox = 0; ox < ow; ox++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    double s = b[ch];
                    for (var ky = 0; ky < 3; ky++)
                    {
                        for (var kx = 0; kx < 3; kx++)
                        {
                            int iy = (oy * stride) - top + ky, ix = (ox * stride) - left + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                            {
                                s += (double)x[(((iy * w) + ix) * c) + ch] * f[(((ky * 3) + kx) * c) + ch];
                            }
                        }
                    }

                    Assert.InRange(y.Floats[(((oy * ow) + ox) * c) + ch], Math.Max(s, 0) - 1e-5, Math.Max(s, 0) + 1e-5);
                }
            }
        }
    }

    [Fact]
    public void MaxPoolSameIgnoresPadding()
    {
        var x = F([1, 2, 2, 1], -5, -3, -4, -6);
        var y = NhwcConvolution.MaxPool(x, 5, 5, 1, 1, same: true);
        Assert.Equal([-3f, -3f, -3f, -3f], y.Floats);
    }

    [Fact]
    public void ResizeBilinearHalfPixelUpsamplesByTwo()
    {
        var x = F([1, 1, 2, 1], 0, 4);
        var y = ResizeBilinearNhwc.Resize(x, 1, 4, alignCorners: false, halfPixelCenters: true);
        // sources -0.25 (row 0), 0.25, 0.75, 1.25 (clamped to 1): 0, 1, 3, 4.
        Assert.Equal([0f, 1f, 3f, 4f], y.Floats);
        var legacy = ResizeBilinearNhwc.Resize(x, 1, 4, alignCorners: false, halfPixelCenters: false);
        Assert.Equal([0f, 2f, 4f, 4f], legacy.Floats);
        var corners = ResizeBilinearNhwc.Resize(x, 1, 3, alignCorners: true, halfPixelCenters: false);
        Assert.Equal([0f, 2f, 4f], corners.Floats);
    }

    [Fact]
    public void BinaryOpsBroadcastLikeNumpy()
    {
        var a = F([2, 3], 1, 2, 3, 4, 5, 6);
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], BinaryOps.Apply(BinaryOp.Sub, a, F([], 1)).Floats);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], BinaryOps.Apply(BinaryOp.Add, a, F([3], 10, 20, 30)).Floats);
        Assert.Equal([2f, 4f, 6f, 12f, 15f, 18f], BinaryOps.Apply(BinaryOp.Mul, a, F([2, 1], 2, 3)).Floats);
        var outer = BinaryOps.Apply(BinaryOp.SquaredDifference, F([2, 1], 1, 2), F([1, 3], 0, 1, 3));
        Assert.Equal([2, 3], outer.Shape);
        Assert.Equal([1f, 0f, 4f, 4f, 1f, 1f], outer.Floats);
        Assert.Equal([-3, -1, -1, 1], BinaryOps.Apply(BinaryOp.FloorDiv, I([4], -7, -1, -3, 3), I([], 3)).Ints);
        Assert.Equal([1, 0, 0], BinaryOps.Apply(BinaryOp.Less, F([3], 1, 2, 3), F([], 2)).Ints);
        Assert.Equal(TfjsDType.Bool, BinaryOps.Apply(BinaryOp.GreaterEqual, F([1], 1), F([1], 1)).DType);
    }

    [Fact]
    public void StridedSliceHonoursEveryMask()
    {
        var x = I([2, 3, 4], [.. Enumerable.Range(0, 24)]);
        // x[1, :, ::2] with shrink on axis 0 and end_mask on axes 1, 2.
        var y = ShapeOps.StridedSlice(x, [1, 0, 0], [2, 0, 0], [1, 1, 2], beginMask: 0, endMask: 6, ellipsisMask: 0, newAxisMask: 0, shrinkMask: 1);
        Assert.Equal([3, 2], y.Shape);
        Assert.Equal([12, 14, 16, 18, 20, 22], y.Ints);
        // x[..., -1] (ellipsis then shrink).
        var last = ShapeOps.StridedSlice(x, [0, -1], [0, 0], [1, 1], 0, 0, ellipsisMask: 1, newAxisMask: 0, shrinkMask: 2);
        Assert.Equal([2, 3], last.Shape);
        Assert.Equal([3, 7, 11, 15, 19, 23], last.Ints);
        // x[:, newaxis, 2:0:-1, 0].
        var rev = ShapeOps.StridedSlice(x, [0, 0, 2, 0], [0, 0, 0, 1], [1, 1, -1, 1], beginMask: 1, endMask: 1, ellipsisMask: 0, newAxisMask: 2, shrinkMask: 8);
        Assert.Equal([2, 1, 2], rev.Shape);
        Assert.Equal([8, 4, 20, 16], rev.Ints);
    }

    [Fact]
    public void PackUnpackConcatSplitAndTileRoundTrip()
    {
        var a = I([2], 1, 2);
        var b = I([2], 3, 4);
        var packed = ShapeOps.Pack([a, b], 1);
        Assert.Equal([2, 2], packed.Shape);
        Assert.Equal([1, 3, 2, 4], packed.Ints);
        var parts = ShapeOps.Unpack(packed, 0);
        Assert.Equal([1, 3], parts[0].Ints);
        Assert.Equal([2, 4], parts[1].Ints);
        var cat = ShapeOps.Concat([packed, I([2, 1], 9, 9)], -1);
        Assert.Equal([1, 3, 9, 2, 4, 9], cat.Ints);
        var split = ShapeOps.Split(cat, 1, 3);
        Assert.Equal([9, 9], split[2].Ints);
        Assert.Equal([1, 2, 1, 2, 3, 4, 3, 4], ShapeOps.Tile(I([2, 2], 1, 2, 3, 4), [1, 2]).Ints);
    }

    [Fact]
    public void ReshapeInfersMinusOneAndSqueezeExpandDimsAgree()
    {
        var x = F([2, 3], 0, 1, 2, 3, 4, 5);
        Assert.Equal([3, 2], ShapeOps.Reshape(x, [-1, 2]).Shape);
        Assert.Equal([2, 1, 3], ShapeOps.ExpandDims(x, -2).Shape);
        Assert.Equal([2, 3], ShapeOps.Squeeze(ShapeOps.ExpandDims(x, 0), []).Shape);
    }

    [Fact]
    public void TopKSortsDescendingWithTiesByLowerIndex()
    {
        var (values, indices) = ReductionOps.TopK(F([1, 5], 3, 7, 7, 1, 5), 3);
        Assert.Equal([7f, 7f, 5f], values.Floats);
        Assert.Equal([1, 2, 4], indices.Ints);
    }

    [Fact]
    public void ArgMaxSumMaxAndGatherNd()
    {
        var x = F([2, 3], 1, 9, 9, 4, 0, 5);
        Assert.Equal([1, 2], ReductionOps.ArgMax(x, 1).Ints);
        Assert.Equal([19f, 9f], ReductionOps.Reduce(x, [1], keepDims: false, max: false).Floats);
        Assert.Equal([4f, 9f, 9f], ReductionOps.Reduce(x, [0], keepDims: false, max: true).Floats);
        Assert.Equal([1, 3], ReductionOps.Reduce(x, [0], keepDims: true, max: true).Shape);
        var g = ReductionOps.GatherNd(x, I([2, 2], 1, 2, 0, 1));
        Assert.Equal([5f, 9f], g.Floats);
        var rows = ReductionOps.GatherNd(x, I([1, 1], 1));
        Assert.Equal([1, 3], rows.Shape);
        Assert.Equal([4f, 0f, 5f], rows.Floats);
    }

    [Fact]
    public void MaxOverMiddleAxesAndArgMaxOverAMiddleAxis()
    {
        // x[i, j, k] = values below, shape [2, 3, 2].
        var x = F([2, 3, 2], 1, -5, 7, 2, 3, 8, -1, 0, -4, 6, -2, -3);
        Assert.Equal([7f, 8f, -1f, 6f], ReductionOps.Reduce(x, [1], keepDims: false, max: true).Floats);
        Assert.Equal([8f, 6f], ReductionOps.Reduce(x, [1, 2], keepDims: false, max: true).Floats);
        Assert.Equal([2, 1, 1], ReductionOps.Reduce(x, [1, 2], keepDims: true, max: true).Shape);
        Assert.Equal([1f, 7f, 8f], ReductionOps.Reduce(x, [0, 2], keepDims: false, max: true).Floats);
        Assert.True(float.IsNaN(ReductionOps.Reduce(F([2, 2], 1, float.NaN, 3, 4), [1], keepDims: false, max: true).Floats[0]));
        Assert.Equal([1, 2, 0, 1], ReductionOps.ArgMax(x, 1).Ints);
        Assert.Equal([0, 0], ReductionOps.ArgMax(F([2, 2], float.NegativeInfinity, float.NegativeInfinity, float.NaN, float.NaN), 1).Ints);
    }

    [Fact]
    public void SelectCastRangeAndFill()
    {
        var s = ShapeOps.Select(TfjsTensor.FromBools([3], [1, 0, 1]), F([3], 1, 2, 3), F([3], -1, -2, -3));
        Assert.Equal([1f, -2f, 3f], s.Floats);
        var rows = ShapeOps.Select(TfjsTensor.FromBools([2], [0, 1]), F([2, 2], 1, 2, 3, 4), F([2, 2], 0, 0, 0, 0));
        Assert.Equal([0f, 0f, 3f, 4f], rows.Floats);
        Assert.Equal([1, -1, 2], ShapeOps.Cast(F([3], 1.7f, -1.7f, 2f), TfjsDType.Int32).Ints);
        Assert.Equal([0, 3, 6], ShapeOps.Range(I([], 0), I([], 8), I([], 3)).Ints);
        Assert.Equal([7, 7, 7, 7], ShapeOps.Fill([2, 2], I([], 7)).Ints);
    }

    [Fact]
    public void UnaryOpsMatchTheirDefinitions()
    {
        var x = F([3], -2, 0, 2);
        Assert.Equal(1 / (1 + Math.Exp(2)), UnaryOps.Apply("Sigmoid", x).Floats[0], 6);
        Assert.Equal(0.5f, UnaryOps.Apply("Sigmoid", x).Floats[1]);
        Assert.Equal(Math.Exp(2), UnaryOps.Apply("Exp", x).Floats[2], 4);
        Assert.Equal([2f, 0f, 2f], UnaryOps.Apply("Abs", x).Floats);
        Assert.Equal(-0.5f, UnaryOps.Apply("Reciprocal", x).Floats[0]);
    }

    [Fact]
    public void WeightDecoderWidensFloat16AndDequantisesUint8()
    {
        // float16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800.
        var half = WeightDecoder.Decode([0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38], [3], "float32", "float16", 1, 0);
        Assert.Equal([1f, -2f, 0.5f], half.Floats);
        var u8 = WeightDecoder.Decode([0, 10, 255], [3], "float32", "uint8", 0.5f, -1f);
        Assert.Equal([-1f, 4f, 126.5f], u8.Floats);
        var ints = WeightDecoder.Decode([1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], [2], "int32", null, 1, 0);
        Assert.Equal([1, -1], ints.Ints);
        Assert.Throws<TfjsModelException>(() => WeightDecoder.Decode([1, 2, 3], [1], "float32", null, 1, 0));
    }
}
