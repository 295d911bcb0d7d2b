using Polypose.Tensors.Nn;
using static Polypose.Tensors.Tests.GradCheck;

namespace Polypose.Tensors.Tests.Autograd;

/// <summary>Finite-difference checks of every differentiable op, incl. broadcasting and non-contiguous inputs.</summary>
[Trait("Stage", "Tensors")]
public sealed class GradCheckTests
{
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        // Arithmetic with broadcasting and scalars.
        ["Add_broadcast"] = (x => x[0] + x[1], () => [Input(1, 3, 4), Input(2, 4)]),
        ["Add_transposed"] = (x => x[0].MT + x[1], () => [Input(1, 4, 3), Input(2, 3, 1)]),
        ["Sub_broadcast"] = (x => x[0] - x[1], () => [Input(3, 2, 1, 3), Input(4, 4, 1)]),
        ["Mul_broadcast"] = (x => x[0] * x[1], () => [Input(5, 3, 4), Input(6, 3, 1)]),
        ["Mul_narrowed"] = (x => x[0].Narrow(1, 1, 3) * x[1], () => [Input(5, 2, 5), Input(6, 2, 3)]),
        ["Div_broadcast"] = (x => x[0] / x[1], () => [Input(7, 3, 4), Positive(8, 4)]),
        ["Scalar_ops"] = (x => (((x[0] * 3f) + 2f) / 4f) - 1f, () => [Input(9, 5)]),
        ["RDiv"] = (x => 2f / x[0], () => [Positive(10, 6)]),
        ["RSub"] = (x => 2f - x[0], () => [Input(10, 6)]),
        ["Neg"] = (x => -x[0], () => [Input(11, 2, 3)]),
        ["Pow_scalar"] = (x => x[0].Pow(3f), () => [Input(12, 2, 3)]),
        ["Pow_fractional"] = (x => x[0].Pow(1.5f), () => [Positive(12, 2, 3)]),
        ["Pow_tensor"] = (x => x[0].Pow(x[1]), () => [Positive(13, 2, 3), Input(14, 3)]),
        ["Square"] = (x => x[0].Square(), () => [Input(15, 4)]),
        ["Maximum"] = (x => x[0].Maximum(x[1]), () => [Input(16, 3, 4), Input(17, 4)]),
        ["Minimum"] = (x => x[0].Minimum(x[1]), () => [Input(18, 3, 4), Input(19, 3, 1)]),

        // Pointwise math.
        ["Exp"] = (x => x[0].Exp(), () => [Input(20, 3, 4)]),
        ["Exp_transposed"] = (x => x[0].MT.Exp(), () => [Input(20, 3, 4)]),
        ["Log"] = (x => x[0].Log(), () => [Positive(21, 3, 4)]),
        ["Sqrt"] = (x => x[0].Sqrt(), () => [Positive(22, 3, 4)]),
        ["Rsqrt"] = (x => x[0].Rsqrt(), () => [Positive(23, 3, 4)]),
        ["Abs"] = (x => x[0].Abs(), () => [AwayFromKinks(24, 3, 4)]),
        ["Clamp"] = (x => x[0].Clamp(-1f, 1f), () => [AwayFromKinks(25, 4, 4)]),
        ["Tanh"] = (x => x[0].Tanh(), () => [Input(26, 3, 4)]),
        ["Sigmoid"] = (x => x[0].Sigmoid(), () => [Input(27, 3, 4)]),
        ["Relu"] = (x => x[0].Relu(), () => [AwayFromKinks(28, 3, 4)]),
        ["Relu_narrowed"] = (x => x[0].Slice(1, 0, 4, 2).Relu(), () => [AwayFromKinks(28, 3, 4)]),
        ["Gelu"] = (x => x[0].Gelu(), () => [Input(29, 3, 4)]),
        ["Silu"] = (x => x[0].Silu(), () => [Input(30, 3, 4)]),
        ["LeakyRelu"] = (x => x[0].LeakyRelu(0.1f), () => [AwayFromKinks(31, 3, 4)]),
        ["Softplus"] = (x => x[0].Softplus(), () => [Input(32, 3, 4)]),
        ["Softplus_beta"] = (x => x[0].Softplus(2f, 3f), () => [AwayFromKinks(32, 3, 4)]),
        ["Erf"] = (x => x[0].Erf(), () => [Input(33, 3, 4)]),

        // Reductions.
        ["Sum_all"] = (x => x[0].Sum(), () => [Input(40, 3, 4)]),
        ["Sum_dim"] = (x => x[0].Sum(1), () => [Input(41, 3, 4, 2)]),
        ["Sum_dims_keepdim"] = (x => x[0].Sum([0, 2], keepDim: true), () => [Input(42, 3, 4, 2)]),
        ["Sum_transposed"] = (x => x[0].Permute(2, 0, 1).Sum(-1), () => [Input(43, 3, 4, 2)]),
        ["Mean_dim"] = (x => x[0].Mean(-1), () => [Input(44, 3, 4)]),
        ["Mean_all"] = (x => x[0].Mean(), () => [Input(44, 3, 4)]),
        ["Var_dim"] = (x => x[0].Var(1), () => [Input(45, 3, 5)]),
        ["Var_biased_keepdim"] = (x => x[0].Var([0], correction: 0, keepDim: true), () => [Input(46, 4, 3)]),
        ["Max_dim"] = (x => x[0].Max(1).Values, () => [Input(47, 3, 5)]),
        ["Max_dim_inner"] = (x => x[0].Max(0, keepDim: true).Values, () => [Input(47, 4, 3)]),
        ["Min_dim"] = (x => x[0].Min(-1).Values, () => [Input(48, 3, 5)]),
        ["Max_all"] = (x => x[0].Max(), () => [Input(49, 3, 5)]),
        ["Min_all"] = (x => x[0].MT.Min(), () => [Input(50, 3, 5)]),
        ["Softmax_last"] = (x => x[0].Softmax(-1), () => [Input(51, 3, 5)]),
        ["Softmax_dim0_transposed"] = (x => x[0].MT.Softmax(0), () => [Input(52, 3, 5)]),
        ["LogSoftmax"] = (x => x[0].LogSoftmax(1), () => [Input(53, 2, 4, 3)]),
        ["LogSumExp"] = (x => x[0].LogSumExp(1), () => [Input(54, 3, 5)]),
        ["LogSumExp_keepdim"] = (x => x[0].LogSumExp(0, keepDim: true), () => [Input(55, 3, 5)]),

        // Linear algebra.
        ["Matmul_2d"] = (x => x[0].Matmul(x[1]), () => [Input(60, 3, 4), Input(61, 4, 5)]),
        ["Matmul_transposed"] = (x => x[0].MT.Matmul(x[1].MT), () => [Input(62, 4, 3), Input(63, 5, 4)]),
        ["Matmul_batched_broadcast"] = (x => x[0].Matmul(x[1]), () => [Input(64, 2, 1, 3, 4), Input(65, 3, 4, 2)]),
        ["Matmul_vector"] = (x => x[0].Matmul(x[1]), () => [Input(66, 3, 4), Input(67, 4)]),
        ["Matmul_vector_left"] = (x => x[0].Matmul(x[1]), () => [Input(68, 4), Input(69, 2, 4, 3)]),
        ["Matmul_dot"] = (x => x[0].Matmul(x[1]), () => [Input(70, 5), Input(71, 5)]),
        ["Bmm"] = (x => x[0].Bmm(x[1]), () => [Input(72, 2, 3, 4), Input(73, 2, 4, 2)]),
        ["Linear"] = (x => Functional.Linear(x[0], x[1], x[2]), () => [Input(74, 2, 3, 4), Input(75, 5, 4), Input(76, 5)]),

        // Normalisation, dropout, embedding.
        ["LayerNorm"] = (x => Functional.LayerNorm(x[0], [4], x[1], x[2]), () => [Input(80, 3, 4), Input(81, 4), Input(82, 4)]),
        ["LayerNorm_2d"] = (x => Functional.LayerNorm(x[0], [2, 3]), () => [Input(83, 2, 2, 3)]),
        ["BatchNorm_train"] = (x => Functional.BatchNorm(x[0], null, null, x[1], x[2], training: true), () => [Input(84, 4, 3, 2, 2), Input(85, 3), Input(86, 3)]),
        ["BatchNorm_eval"] = (x => Functional.BatchNorm(x[0], Tensor.FromArray([0.1f, -0.2f, 0.3f]), Tensor.FromArray([1.5f, 0.5f, 2f]), x[1], null, training: false), () => [Input(87, 2, 3, 2), Input(88, 3)]),
        ["Dropout"] = (x => Functional.Dropout(x[0], 0.3f, true, new Generator(3)), () => [Input(89, 4, 5)]),
        ["Embedding"] = (x => Functional.Embedding(Tensor.FromArray(new long[] { 2, 0, 2, 1 }, 2, 2), x[0]), () => [Input(90, 3, 4)]),
        ["Attention"] = (x => Functional.ScaledDotProductAttention(x[0], x[1], x[2], Tensor.FromArray([true, true, false], 1, 3)).Output, () => [Input(91, 2, 2, 4), Input(92, 2, 3, 4), Input(93, 2, 3, 4)]),

        // Joining and indexing.
        ["Cat"] = (x => Tensor.Cat([x[0], x[1].MT], 1), () => [Input(100, 3, 2), Input(101, 4, 3)]),
        ["Stack"] = (x => Tensor.Stack([x[0], x[1]], 1), () => [Input(102, 3, 2), Input(103, 3, 2)]),
        ["Split"] = (x => x[0].Split([1, 3], 1)[1].Mul(x[0].Split(2, 1)[0].Sum()), () => [Input(104, 2, 4)]),
        ["Chunk"] = (x => x[0].Chunk(3, 0)[2], () => [Input(105, 5, 2)]),
        ["IndexSelect"] = (x => x[0].IndexSelect(1, Tensor.FromArray(new long[] { 2, 0, 2 })), () => [Input(106, 2, 3, 2)]),
        ["IndexAdd"] = (x => x[0].IndexAdd(0, Tensor.FromArray(new long[] { 1, 1, 0 }), x[1]), () => [Input(107, 2, 3), Input(108, 3, 3)]),
        ["Gather"] = (x => x[0].Gather(1, Tensor.FromArray(new long[] { 0, 2, 2, 1, 0, 0 }, 2, 3)), () => [Input(109, 2, 4)]),
        ["Gather_transposed"] = (x => x[0].MT.Gather(0, Tensor.FromArray(new long[] { 1, 0, 1, 1 }, 2, 2)), () => [Input(110, 3, 2)]),
        ["ScatterAdd"] = (x => x[0].ScatterAdd(1, Tensor.FromArray(new long[] { 0, 0, 3, 1 }, 2, 2), x[1]), () => [Input(111, 2, 4), Input(112, 2, 3)]),
        ["MaskedFill"] = (x => x[0].MaskedFill(Tensor.FromArray([true, false, false, true]), 5f), () => [Input(113, 3, 4)]),
        ["Where"] = (x => Tensor.Where(Tensor.FromArray([true, false, true], 3, 1), x[0], x[1]), () => [Input(114, 3, 2), Input(115, 2)]),
        ["TopK_values"] = (x => x[0].TopK(2, 1).Values, () => [Input(116, 3, 5)]),
        ["Sort_values"] = (x => x[0].Sort(0, descending: true).Values, () => [Input(117, 4, 2)]),

        // Segment ops (hypergraph message passing).
        ["SegmentSum"] = (x => x[0].SegmentSum(Segments, 4), () => [Input(120, 6, 3)]),
        ["SegmentMean"] = (x => x[0].SegmentMean(Segments, 4), () => [Input(121, 6, 3)]),
        ["SegmentMax"] = (x => x[0].SegmentMax(Segments, 4), () => [Input(122, 6, 3)]),
        ["SegmentSoftmax"] = (x => x[0].SegmentSoftmax(Segments, 4), () => [Input(123, 6, 2)]),
        ["SegmentLogSumExp"] = (x => x[0].SegmentLogSumExp(Segments, 4), () => [Input(124, 6, 2)]),

        // Views.
        ["Reshape_noncontiguous"] = (x => x[0].MT.Reshape(2, -1) * x[1], () => [Input(130, 3, 4), Input(131, 2, 6)]),
        ["Permute"] = (x => x[0].Permute(2, 0, 1) * x[1], () => [Input(132, 2, 3, 4), Input(133, 4, 2, 3)]),
        ["Slice_step"] = (x => x[0].Slice(0, 1, 6, 2).Exp(), () => [Input(134, 6, 2)]),
        ["Expand"] = (x => x[0].Expand(3, 2, 4) * x[1], () => [Input(135, 2, 1), Input(136, 3, 2, 4)]),
        ["Squeeze_unsqueeze"] = (x => x[0].Unsqueeze(1).Squeeze(2).Squeeze() * x[1], () => [Input(137, 3, 1, 2), Input(138, 3, 2)]),
        ["Select"] = (x => x[0].Select(1, -1).Exp(), () => [Input(139, 3, 4)]),
        ["Flatten_clone"] = (x => x[0].Flatten(1).Clone().Contiguous().Sigmoid(), () => [Input(140, 2, 3, 2)]),
    };

    private static Tensor Segments => Tensor.FromArray(new long[] { 0, 2, 0, 2, 2, 1 });

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
    public void Backward_Op_MatchesFiniteDifferences(string name)
    {
        var (f, inputs) = Cases[name];
        Check(f, inputs());
    }
}
