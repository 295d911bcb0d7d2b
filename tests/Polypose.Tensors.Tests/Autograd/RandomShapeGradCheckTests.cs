using static Polypose.Tensors.Tests.GradCheck;

namespace Polypose.Tensors.Tests.Autograd;

/// <summary>Gradient checks over seeded random shapes, random broadcasting and permuted (non-contiguous) inputs.</summary>
[Trait("Stage", "Tensors")]
public sealed class RandomShapeGradCheckTests
{
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> BinaryOps = new()
    {
        ["Add"] = (a, b) => a + b,
        ["Sub"] = (a, b) => a - b,
        ["Mul"] = (a, b) => a * b,
        ["Div"] = (a, b) => a / (b.Square() + 0.5f),
        ["Maximum"] = (a, b) => a.Maximum(b),
        ["Minimum"] = (a, b) => a.Minimum(b),
        ["Pow"] = (a, b) => (a.Square() + 0.5f).Pow(b),
        ["Where"] = (a, b) => Tensor.Where(a.Gt(0f).Detach(), a, b),
    };

    private static readonly Dictionary<string, Func<Tensor, int, Tensor>> DimOps = new()
    {
        ["Exp"] = (x, _) => x.Exp(),
        ["Tanh"] = (x, _) => x.Tanh(),
        ["Gelu"] = (x, _) => x.Gelu(),
        ["Softplus"] = (x, _) => x.Softplus(),
        ["Sum"] = (x, d) => x.Sum(d),
        ["Mean_keepdim"] = (x, d) => x.Mean(d, keepDim: true),
        ["Var"] = (x, d) => x.Var(d, correction: 0),
        ["Max"] = (x, d) => x.Max(d).Values,
        ["Softmax"] = (x, d) => x.Softmax(d),
        ["LogSoftmax"] = (x, d) => x.LogSoftmax(d),
        ["LogSumExp"] = (x, d) => x.LogSumExp(d),
        ["Cumulative_view"] = (x, d) => x.Narrow(d, 0, 1).Expand(x.Shape) * x,
    };

    public static TheoryData<string, int> BinaryCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var k in BinaryOps.Keys)
        {
            for (var seed = 0; seed < 4; seed++)
            {
                data.Add(k, seed);
            }
        }

        return data;
    }

    public static TheoryData<string, int> DimCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var k in DimOps.Keys)
        {
            for (var seed = 0; seed < 3; seed++)
            {
                data.Add(k, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryOp_RandomBroadcastShapes_PassesGradCheck(string op, int seed)
    {
        var g = new Generator((ulong)(1000 + seed));
        var shapeA = RandomShape(g);
        var shapeB = shapeA.Skip((int)g.NextInt64(0, shapeA.Length)).Select(s => g.NextDouble() < 0.4 ? 1 : s).ToArray();
        if (g.NextDouble() < 0.5)
        {
            (shapeA, shapeB) = (shapeB, shapeA);
        }

        var f = BinaryOps[op];
        var a = Input((ulong)seed, [.. shapeA.Reverse()]);
        var b = Input((ulong)seed + 50, shapeB);
        Check(x => f(Reversed(x[0]), x[1]), a, b);
    }

    [Theory]
    [MemberData(nameof(DimCases))]
    public void DimOp_RandomShapesAndPermutedInput_PassesGradCheck(string op, int seed)
    {
        var g = new Generator((ulong)(2000 + seed));
        var shape = RandomShape(g);
        var dim = (int)g.NextInt64(-shape.Length, shape.Length);
        var f = DimOps[op];
        Check(x => f(Reversed(x[0]), dim), Input((ulong)seed + 7, [.. shape.Reverse()]));
    }

    private static int[] RandomShape(Generator g)
    {
        var rank = (int)g.NextInt64(1, 4);
        return Enumerable.Range(0, rank).Select(_ => (int)g.NextInt64(1, 5)).ToArray();
    }

    /// <summary>A permuted (non-contiguous for rank ≥ 2) view with the dims in reverse order.</summary>
    private static Tensor Reversed(Tensor x) => x.Permute(Enumerable.Range(0, x.NDim).Reverse().ToArray());
}
