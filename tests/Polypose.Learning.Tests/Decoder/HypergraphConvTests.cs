using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>HypergraphConv: PyTorch Geometric's normalisations on a hand-computed case, and gradients against finite differences (float32: the engine's matmul and LeakyReLU are float32 only).</summary>
public sealed class HypergraphConvTests
{
    [Theory]
    [InlineData(HypergraphAttentionMode.Node, 0.125)]
    [InlineData(HypergraphAttentionMode.Edge, 0.5)]
    public void OneEdgeOfTwoNodesWithUniformAttentionGivesTheNormalisedSum(HypergraphAttentionMode mode, double factor)
    {
        // Lin = identity, att = 0 so every α = softmax of equal logits. Node mode: α = 1/2 over the edge's two nodes,
        // m = Σ α·x/|e| = (x0 + x1)/4, out = α·m/deg = (x0 + x1)/8. Edge mode: α = 1 (each node has one edge),
        // m = (x0 + x1)/2, out = m. Plus the bias.
        var x = Tensor.FromArray([1f, 2f, 3f, 5f], 2, 2);
        var graph = HypergraphIncidence.FromLists([0L, 1L], [0L, 0L], 2, 1);
        var bias = Tensor.FromArray([0.25f, -1f], 2);
        var y = HypergraphConv.Apply(x, Tensor.Zeros(1, 2), graph, Tensor.Eye(2), Tensor.Zeros(1, 4), bias, 1, mode, 0, false, new Generator(1)).ToArray();
        float[] expected = [(float)((4 * factor) + 0.25), (float)((7 * factor) - 1)];
        Assert.Equal(expected[0], y[0], 5);
        Assert.Equal(expected[1], y[1], 5);
        Assert.Equal(expected[0], y[2], 5);
        Assert.Equal(expected[1], y[3], 5);
    }

    [Fact]
    public void ANodeOutsideEveryEdgeGetsTheBiasOnly()
    {
        var graph = HypergraphIncidence.FromLists([0L, 1L], [0L, 0L], 3, 2);
        var gen = new Generator(2);
        var y = HypergraphConv.Apply(Tensor.Randn(gen, 3, 4), Tensor.Randn(gen, 2, 4), graph, Tensor.Randn(gen, 8, 4), Tensor.Randn(gen, 2, 8), Tensor.FromArray([1f, 2f, 3f, 4f], 4), 2, HypergraphAttentionMode.Node, 0, false, gen);
        Assert.Equal([1f, 2f, 3f, 4f], y.ToArray()[8..]);
    }

    [Theory]
    [InlineData(HypergraphAttentionMode.Node, 0.125)]
    [InlineData(HypergraphAttentionMode.Edge, 0.5)]
    public void WithoutGradientRecordingOneEdgeOfTwoNodesGivesTheNormalisedSum(HypergraphAttentionMode mode, double factor)
    {
        // The hand-computed case above through the no-autograd path.
        var x = Tensor.FromArray([1f, 2f, 3f, 5f], 2, 2);
        var graph = HypergraphIncidence.FromLists([0L, 1L], [0L, 0L], 2, 1);
        var bias = Tensor.FromArray([0.25f, -1f], 2);
        float[] y;
        using (Tensor.NoGrad())
        {
            y = HypergraphConv.Apply(x, Tensor.Zeros(1, 2), graph, Tensor.Eye(2), Tensor.Zeros(1, 4), bias, 1, mode, 0, false, new Generator(1)).ToArray();
        }

        float[] expected = [(float)((4 * factor) + 0.25), (float)((7 * factor) - 1)];
        Assert.Equal(expected, y[..2], (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(expected, y[2..], (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Theory]
    [InlineData(HypergraphAttentionMode.Node)]
    [InlineData(HypergraphAttentionMode.Edge)]
    public void WithoutGradientRecordingTheOperatorEqualsTheRecordedOneToRounding(HypergraphAttentionMode mode)
    {
        // Edges {0, 1, 2}, {2, 3, 4}, {4}, one edge without nodes; node 5 isolated; 3 heads.
        var graph = HypergraphIncidence.FromLists([0L, 1L, 2L, 2L, 3L, 4L, 4L], [0L, 0L, 0L, 1L, 1L, 1L, 2L], 6, 4);
        var gen = new Generator(14);
        Tensor nodes = Tensor.Randn(gen, 6, 5), attributes = Tensor.Randn(gen, 4, 5), weight = Tensor.Randn(gen, 15, 5), attention = Tensor.Randn(gen, 3, 10), bias = Tensor.Randn(gen, 5);
        var recorded = HypergraphConv.Apply(nodes, attributes, graph, weight.SetRequiresGrad(), attention, bias, 3, mode, 0, false, gen).Detach().ToArray();
        float[] fused;
        using (Tensor.NoGrad())
        {
            fused = HypergraphConv.Apply(nodes, attributes, graph, weight, attention, bias, 3, mode, 0, false, gen).ToArray();
        }

        Assert.Equal(recorded.Length, fused.Length);
        for (var i = 0; i < fused.Length; i++)
        {
            Assert.True(Math.Abs(fused[i] - recorded[i]) < 1e-5 * (1 + Math.Abs(recorded[i])), $"output {i}: {fused[i]} vs {recorded[i]}");
        }
    }

    [Theory]
    [InlineData(HypergraphAttentionMode.Node)]
    [InlineData(HypergraphAttentionMode.Edge)]
    public void GradientsOfNodesAttributesAndParametersMatchFiniteDifferences(HypergraphAttentionMode mode)
    {
        // Edges {0, 1, 2}, {2, 3, 4}, {4}; node 5 isolated. ε = 3e-4: two attention logits of this draw lie within
        // about 1e-3 of LeakyReLU's kink, where wider differences straddle it.
        var graph = HypergraphIncidence.FromLists([0L, 1L, 2L, 2L, 3L, 4L, 4L], [0L, 0L, 0L, 1L, 1L, 1L, 2L], 6, 3);
        var gen = new Generator(4);
        Tensor R(params int[] shape) => Tensor.Randn(gen, shape);
        FiniteDifferences.Check(
            t => HypergraphConv.Apply(t[0], t[1], graph, t[2], t[3], t[4], 2, mode, 0, false, new Generator(1)),
            [R(6, 3), R(3, 3), R(6, 3), R(2, 6), R(3)],
            eps: 3e-4,
            atol: 5e-3,
            rtol: 2e-2);
    }

}
