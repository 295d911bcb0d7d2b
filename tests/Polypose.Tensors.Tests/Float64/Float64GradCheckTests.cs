using Polypose.Tensors.Autograd;
using static Polypose.Tensors.Tests.GradCheck;

namespace Polypose.Tensors.Tests.Float64;

/// <summary>
/// Finite-difference checks IN FLOAT64 of every op float64 tensors support (the ops DisPOSE's log-domain Sinkhorn and
/// its losses use), with tolerances five orders of magnitude tighter than the float32 table in GradCheckTests.
/// </summary>
[Trait("Stage", "Tensors")]
public sealed class Float64GradCheckTests
{
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        // Arithmetic with broadcasting and scalars.
        ["Add_broadcast"] = (x => x[0] + x[1], () => [Input64(1, 3, 4), Input64(2, 4)]),
        ["Add_transposed"] = (x => x[0].MT + x[1], () => [Input64(1, 4, 3), Input64(2, 3, 1)]),
        ["Sub_broadcast"] = (x => x[0] - x[1], () => [Input64(3, 2, 1, 3), Input64(4, 4, 1)]),
        ["Mul_broadcast"] = (x => x[0] * x[1], () => [Input64(5, 3, 4), Input64(6, 3, 1)]),
        ["Mul_rows"] = (x => x[0] * x[1], () => [Input64(5, 3, 9), Input64(6, 9)]),
        ["Mul_narrowed"] = (x => x[0].Narrow(1, 1, 3) * x[1], () => [Input64(5, 2, 5), Input64(6, 2, 3)]),
        ["Div_broadcast"] = (x => x[0] / x[1], () => [Input64(7, 3, 4), Positive64(8, 4)]),
        ["Scalar_ops"] = (x => (((x[0] * 0.6607) + 2.5) / 3.3) - 0.1, () => [Input64(9, 5)]),
        ["Scalar_float_ops"] = (x => (((x[0] * 3f) + 2f) / 4f) - 1f, () => [Input64(9, 5)]),
        ["RDiv"] = (x => 2.0 / x[0], () => [Positive64(10, 6)]),
        ["RSub"] = (x => 2f - x[0], () => [Input64(10, 6)]),
        ["Neg"] = (x => -x[0], () => [Input64(11, 2, 3)]),
        ["Square"] = (x => x[0].Square(), () => [Input64(15, 4)]),
        ["Maximum"] = (x => x[0].Maximum(x[1]), () => [Input64(16, 3, 4), Input64(17, 4)]),
        ["Minimum"] = (x => x[0].Minimum(x[1]), () => [Input64(18, 3, 4), Input64(19, 3, 1)]),

        // Pointwise math.
        ["Exp"] = (x => x[0].Exp(), () => [Input64(20, 3, 4)]),
        ["Exp_transposed"] = (x => x[0].MT.Exp(), () => [Input64(20, 3, 4)]),
        ["Log"] = (x => x[0].Log(), () => [Positive64(21, 3, 4)]),
        ["Log1P"] = (x => x[0].Log1P(), () => [Positive64(22, 3, 4)]),
        ["Sqrt"] = (x => x[0].Sqrt(), () => [Positive64(22, 3, 4)]),
        ["Abs"] = (x => x[0].Abs(), () => [AwayFromKinks64(24, 3, 4)]),
        ["Clamp"] = (x => x[0].Clamp(-1.0, 1.0), () => [AwayFromKinks64(25, 4, 4)]),
        ["Clamp_min_only"] = (x => x[0].Clamp(min: -1f), () => [AwayFromKinks64(25, 4, 4)]),

        // Reductions.
        ["Sum_all"] = (x => x[0].Sum(), () => [Input64(40, 3, 4)]),
        ["Sum_dim"] = (x => x[0].Sum(1), () => [Input64(41, 3, 4, 2)]),
        ["Sum_dims_keepdim"] = (x => x[0].Sum([0, 2], keepDim: true), () => [Input64(42, 3, 4, 2)]),
        ["Sum_transposed"] = (x => x[0].Permute(2, 0, 1).Sum(-1), () => [Input64(43, 3, 4, 2)]),
        ["Mean_dim"] = (x => x[0].Mean(-1), () => [Input64(44, 3, 4)]),
        ["Mean_all"] = (x => x[0].Mean(), () => [Input64(44, 3, 4)]),
        ["Max_dim"] = (x => x[0].Max(1).Values, () => [Input64(47, 3, 5)]),
        ["Max_dim_inner"] = (x => x[0].Max(0, keepDim: true).Values, () => [Input64(47, 4, 3)]),
        ["Min_dim"] = (x => x[0].Min(-1).Values, () => [Input64(48, 3, 5)]),
        ["Max_all"] = (x => x[0].Max(), () => [Input64(49, 3, 5)]),
        ["LogSumExp"] = (x => x[0].LogSumExp(1), () => [Input64(54, 3, 5)]),
        ["LogSumExp_keepdim"] = (x => x[0].LogSumExp(0, keepDim: true), () => [Input64(55, 3, 5)]),

        // Joining, indexing and masking.
        ["Cat"] = (x => Tensor.Cat([x[0], x[1].MT], 1), () => [Input64(100, 3, 2), Input64(101, 4, 3)]),
        ["Stack"] = (x => Tensor.Stack([x[0], x[1]], 1), () => [Input64(102, 3, 2), Input64(103, 3, 2)]),
        ["IndexSelect"] = (x => x[0].IndexSelect(1, Tensor.FromArray(new long[] { 2, 0, 2 })), () => [Input64(106, 2, 3, 2)]),
        ["IndexSelect_transposed"] = (x => x[0].MT.IndexSelect(0, Tensor.FromArray(new long[] { 1, 1, 0 })), () => [Input64(106, 3, 2)]),
        ["IndexAdd"] = (x => x[0].IndexAdd(0, Tensor.FromArray(new long[] { 1, 1, 0 }), x[1]), () => [Input64(107, 2, 3), Input64(108, 3, 3)]),
        ["Gather"] = (x => x[0].Gather(1, Tensor.FromArray(new long[] { 0, 2, 2, 1, 0, 0 }, 2, 3)), () => [Input64(109, 2, 4)]),
        ["Gather_transposed"] = (x => x[0].MT.Gather(0, Tensor.FromArray(new long[] { 1, 0, 1, 1 }, 2, 2)), () => [Input64(110, 3, 2)]),
        ["ScatterAdd"] = (x => x[0].ScatterAdd(1, Tensor.FromArray(new long[] { 0, 0, 3, 1 }, 2, 2), x[1]), () => [Input64(111, 2, 4), Input64(112, 2, 3)]),
        ["MaskedFill"] = (x => x[0].MaskedFill(Tensor.FromArray([true, false, false, true]), 5.25), () => [Input64(113, 3, 4)]),
        ["Where"] = (x => Tensor.Where(Tensor.FromArray([true, false, true], 3, 1), x[0], x[1]), () => [Input64(114, 3, 2), Input64(115, 2)]),
        ["Where_scalar"] = (x => Tensor.Where(Tensor.FromArray([true, false, true]), x[0], 0f), () => [Input64(116, 2, 3)]),

        // Segment ops over unsorted (indexed) and sorted segments.
        ["SegmentSum"] = (x => x[0].SegmentSum(Segments, 4), () => [Input64(120, 6, 3)]),
        ["SegmentSum_sorted"] = (x => x[0].SegmentSum(SortedSegments, 3), () => [Input64(120, 6, 3)]),
        ["SegmentMean"] = (x => x[0].SegmentMean(Segments, 4), () => [Input64(121, 6, 3)]),
        ["SegmentMax"] = (x => x[0].SegmentMax(Segments, 4), () => [Input64(122, 6, 3)]),
        ["SegmentSoftmax"] = (x => x[0].SegmentSoftmax(Segments, 4), () => [Input64(123, 6, 2)]),
        ["SegmentLogSumExp"] = (x => x[0].SegmentLogSumExp(Segments, 4), () => [Input64(124, 6, 2)]),
        ["SegmentLogSumExp_sorted"] = (x => x[0].SegmentLogSumExp(SortedSegments, 3), () => [Input64(125, 6)]),

        // Views.
        ["Reshape_noncontiguous"] = (x => x[0].MT.Reshape(2, -1) * x[1], () => [Input64(130, 3, 4), Input64(131, 2, 6)]),
        ["View"] = (x => x[0].View(4, 3).Exp(), () => [Input64(130, 3, 4)]),
        ["Permute"] = (x => x[0].Permute(2, 0, 1) * x[1], () => [Input64(132, 2, 3, 4), Input64(133, 4, 2, 3)]),
        ["Narrow"] = (x => x[0].Narrow(0, 1, 3).Exp(), () => [Input64(134, 6, 2)]),
        ["Slice_step"] = (x => x[0].Slice(0, 1, 6, 2).Exp(), () => [Input64(134, 6, 2)]),
        ["Expand"] = (x => x[0].Expand(3, 2, 4) * x[1], () => [Input64(135, 2, 1), Input64(136, 3, 2, 4)]),
        ["Squeeze_unsqueeze"] = (x => x[0].Unsqueeze(1).Squeeze(2).Squeeze() * x[1], () => [Input64(137, 3, 1, 2), Input64(138, 3, 2)]),
        ["Select"] = (x => x[0].Select(1, -1).Exp(), () => [Input64(139, 3, 4)]),
        ["Flatten_clone"] = (x => x[0].Flatten(1).Clone().Contiguous().Exp(), () => [Input64(140, 2, 3, 2)]),

        // Composite: a few log-domain Sinkhorn sweeps over a sparse edge set (the shape of DisPOSE Stage I's projection).
        ["Sinkhorn_sweeps"] = (x => SparseSinkhorn(x[0], 3), () => [Input64(150, 7)]),
    };

    // Edges of a 2-view toy hypergraph: (view-0 node, view-1 node) per edge; node 2 of each view is the dustbin.
    private static readonly long[] View0 = [0, 0, 1, 1, 2, 2, 0];
    private static readonly long[] View1 = [0, 1, 0, 2, 1, 2, 2];

    /// <summary>A custom float64 op with two outputs, exp(x) and Σx, and a hand-written backward.</summary>
    private sealed class ExpAndSum : Function
    {
        protected override Tensor[] Forward(Tensor[] inputs)
        {
            SaveForBackward(inputs[0]);
            return [inputs[0].Exp(), inputs[0].Sum()];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
            => [gradOutputs[0].Mul(SavedTensors[0].Exp()).Add(gradOutputs[1])];
    }

    private static Tensor Segments => Tensor.FromArray(new long[] { 0, 2, 0, 2, 2, 1 });

    private static Tensor SortedSegments => Tensor.FromArray(new long[] { 0, 0, 1, 1, 1, 2 });

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var k in Cases.Keys)
        {
            data.Add(k);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_Float64Op_MatchesFiniteDifferencesTightly(string name)
    {
        var (f, inputs) = Cases[name];
        var x = inputs();
        Assert.All(x, t => Assert.Equal(DType.Float64, t.DType));
        Assert.Equal(DType.Float64, f(x).DType);
        Check64(f, x);
    }

    [Fact]
    public void Backward_ToFloat64FromFloat32_GivesFloat32GradientThatMatchesFiniteDifferences()
    {
        Check(x => x[0].To(DType.Float64).Exp().Mul(0.5), Input(160, 3, 4));
        var x = Input(161, 4).SetRequiresGrad();
        x.To(DType.Float64).Sum().Backward();
        Assert.Equal(DType.Float32, x.Grad!.DType);
        Assert.Equal([1f, 1f, 1f, 1f], x.Grad.ToArray());
    }

    [Fact]
    public void Backward_ToFloat32FromFloat64_GivesFloat64GradientThatMatchesFiniteDifferences()
    {
        Check(x => x[0].To(DType.Float32).Exp(), [Input64(162, 3, 4)], 1e-3, 5e-3, 2e-2);
        var x = Input64(163, 3).SetRequiresGrad();
        x.To(DType.Float32).Mul(2f).Sum().Backward();
        Assert.Equal(DType.Float64, x.Grad!.DType);
        Assert.Equal([2.0, 2.0, 2.0], x.Grad.ToFloat64Array());
    }

    [Fact]
    public void GradCheck64_WrongGradient_IsCaught()
    {
        // A deliberately wrong composite gradient: x * detached(x) has gradient x, not 2x.
        Assert.Throws<Xunit.Sdk.TrueException>(() => Check64(x => x[0] * x[0].Detach(), Input64(170, 4)));
    }

    [Fact]
    public void CustomFunction_WithTwoFloat64Outputs_GetsFloat64ZerosForTheUnusedOneAndMatchesFiniteDifferences()
    {
        Check64(x => new ExpAndSum().ApplyMany(x[0])[0], Input64(171, 2, 3));
        Check64(x => new ExpAndSum().ApplyMany(x[0])[1], Input64(172, 2, 3));
    }

    /// <summary>Log-domain iterative proportional fitting: each sweep matches the edge mass of every node to 1/3.</summary>
    internal static Tensor SparseSinkhorn(Tensor logits, int sweeps)
    {
        var views = new[] { Tensor.FromArray(View0), Tensor.FromArray(View1) };
        var logTarget = Math.Log(1.0 / 3.0);
        var l = logits;
        for (var s = 0; s < sweeps; s++)
        {
            foreach (var v in views)
            {
                var logMarginal = l.SegmentLogSumExp(v, 3);
                l = l.Sub(logMarginal.IndexSelect(0, v)).Add(logTarget);
            }
        }

        return l.Exp();
    }
}
