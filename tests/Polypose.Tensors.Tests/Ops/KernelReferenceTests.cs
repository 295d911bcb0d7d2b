namespace Polypose.Tensors.Tests.Ops;

/// <summary>
/// Every element-wise and reduction op (TensorPrimitives/SIMD path) against a scalar double reference over lengths
/// 0..256, contiguous and strided (every other element of a 2n buffer).
/// </summary>
[Trait("Stage", "Tensors")]
public sealed class KernelReferenceTests
{
    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<double, double> Reference, bool Positive)> Unary = new()
    {
        ["Exp"] = (x => x.Exp(), Math.Exp, false),
        ["Log"] = (x => x.Log(), Math.Log, true),
        ["Sqrt"] = (x => x.Sqrt(), Math.Sqrt, true),
        ["Rsqrt"] = (x => x.Rsqrt(), v => 1 / Math.Sqrt(v), true),
        ["Abs"] = (x => x.Abs(), Math.Abs, false),
        ["Neg"] = (x => x.Neg(), v => -v, false),
        ["Tanh"] = (x => x.Tanh(), Math.Tanh, false),
        ["Sigmoid"] = (x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), false),
        ["Relu"] = (x => x.Relu(), v => Math.Max(v, 0), false),
        ["LeakyRelu"] = (x => x.LeakyRelu(0.2f), v => v > 0 ? v : 0.2 * v, false),
        ["Gelu"] = (x => x.Gelu(), v => 0.5 * v * (1 + ErfReference(v / Math.Sqrt(2))), false),
        ["Silu"] = (x => x.Silu(), v => v / (1 + Math.Exp(-v)), false),
        ["Softplus"] = (x => x.Softplus(), v => Math.Log(1 + Math.Exp(v)), false),
        ["Erf"] = (x => x.Erf(), ErfReference, false),
        ["Clamp"] = (x => x.Clamp(-0.5f, 1f), v => Math.Clamp(v, -0.5, 1), false),
        ["Pow"] = (x => x.Pow(3f), v => v * v * v, false),
        ["Square"] = (x => x.Square(), v => v * v, false),
        ["AddScalar"] = (x => x + 1.5f, v => v + 1.5, false),
        ["MulScalar"] = (x => x * -2f, v => v * -2, false),
        ["DivScalar"] = (x => x / 4f, v => v / 4, false),
        ["RDivScalar"] = (x => 3f / x, v => 3 / v, true),
    };

    private static readonly Dictionary<string, (Func<Tensor, Tensor, Tensor> Op, Func<double, double, double> Reference)> Binary = new()
    {
        ["Add"] = ((a, b) => a + b, (a, b) => a + b),
        ["Sub"] = ((a, b) => a - b, (a, b) => a - b),
        ["Mul"] = ((a, b) => a * b, (a, b) => a * b),
        ["Div"] = ((a, b) => a / b.Abs().Add(0.5f), (a, b) => a / (Math.Abs(b) + 0.5)),
        ["Maximum"] = ((a, b) => a.Maximum(b), Math.Max),
        ["Minimum"] = ((a, b) => a.Minimum(b), Math.Min),
    };

    private static readonly Dictionary<string, (Func<Tensor, float> Op, Func<double[], double> Reference)> Reductions = new()
    {
        ["Sum"] = (x => x.Sum().Item(), v => v.Sum()),
        ["Mean"] = (x => x.Mean().Item(), v => v.Length == 0 ? 0 : v.Average()),
        ["Max"] = (x => x.Max().Item(), v => v.Max()),
        ["Min"] = (x => x.Min().Item(), v => v.Min()),
        ["Var"] = (x => x.Var().Item(), v => v.Select(a => (a - v.Average()) * (a - v.Average())).Sum() / Math.Max(v.Length - 1, 1)),
        ["LogSumExp"] = (x => x.LogSumExp(0).Item(), v => Math.Log(v.Sum(Math.Exp))),
        ["SoftmaxFirst"] = (x => x.Softmax(0).ToArray()[0], v => Math.Exp(v[0]) / v.Sum(Math.Exp)),
        ["LogSoftmaxLast"] = (x => x.LogSoftmax(0).ToArray()[^1], v => v[^1] - Math.Log(v.Sum(Math.Exp))),
        ["ArgmaxValue"] = (x => x.Max(0).Values.Item(), v => v.Max()),
    };

    public static TheoryData<string> UnaryNames() => [.. Unary.Keys];

    public static TheoryData<string> BinaryNames() => [.. Binary.Keys];

    public static TheoryData<string> ReductionNames() => [.. Reductions.Keys];

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryOp_AllLengths_MatchesScalarReference(string name)
    {
        var (op, reference, positive) = Unary[name];
        for (var n = 0; n <= 256; n++)
        {
            var buffer = positive ? Tensor.Uniform(new Generator((ulong)n), [2 * n], 0.1f, 4f) : Tensor.Uniform(new Generator((ulong)n), [2 * n], -4f, 4f);
            foreach (var x in new[] { buffer.Narrow(0, 0, n), buffer.Slice(0, 0, 2 * n, 2) })
            {
                var got = op(x).ToArray();
                var input = x.ToArray();
                Assert.Equal(n, got.Length);
                for (var i = 0; i < n; i++)
                {
                    AssertClose(reference(input[i]), got[i], name, n);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryOp_AllLengthsAndBroadcasts_MatchScalarReference(string name)
    {
        var (op, reference) = Binary[name];
        for (var n = 0; n <= 256; n += n < 32 ? 1 : 7)
        {
            var a = Tensor.Uniform(new Generator((ulong)n), [3, n], -3f, 3f);
            var b = Tensor.Uniform(new Generator((ulong)n + 1000), [n], -3f, 3f);
            var bt = Tensor.Uniform(new Generator((ulong)n + 2000), [n, 3], -3f, 3f).MT;
            foreach (var (x, y) in new[] { (a, b), (a, bt), (bt, a), (a.Narrow(0, 0, 1), a) })
            {
                var got = op(x, y);
                var shape = got.Shape;
                var xs = x.Expand(shape).ToArray();
                var ys = y.Expand(shape).ToArray();
                var g = got.ToArray();
                for (var i = 0; i < g.Length; i++)
                {
                    AssertClose(reference(xs[i], ys[i]), g[i], name, n);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReductionNames))]
    public void Reduction_AllLengths_MatchesScalarReference(string name)
    {
        var (op, reference) = Reductions[name];
        for (var n = 1; n <= 256; n++)
        {
            var buffer = Tensor.Uniform(new Generator((ulong)n), [2 * n], -4f, 4f);
            foreach (var x in new[] { buffer.Narrow(0, n, n), buffer.Slice(0, 1, 2 * n, 2) })
            {
                var input = Array.ConvertAll(x.ToArray(), v => (double)v);
                AssertClose(reference(input), op(x), name, n, scale: Math.Sqrt(n));
            }
        }
    }

    [Fact]
    public void Sum_EmptyTensor_IsZero()
    {
        Assert.Equal(0f, Tensor.Zeros(0).Sum().Item());
        Assert.Equal(0f, Tensor.Zeros(0).Mean().Item());
    }

    [Fact]
    public void SpecialValues_FollowIeee()
    {
        var x = Tensor.FromArray([float.NegativeInfinity, 0f, float.PositiveInfinity, float.NaN]);
        // TensorPrimitives.Exp is accurate to about 1 ulp (exp(0) may come out as 1 + 2^-23).
        Assert.Equal([0f, 1f, float.PositiveInfinity, float.NaN], x.Exp().ToArray(), (a, b) => a.Equals(b) || MathF.Abs(a - b) <= 2e-7f);
        Assert.Equal(float.NegativeInfinity, Tensor.FromArray([0f]).Log().Item());
        Assert.Equal([-1f, 0f, 1f], Tensor.FromArray([float.NegativeInfinity, 0f, float.PositiveInfinity]).Tanh().ToArray());
        Assert.Equal([0f, 0.5f, 1f], Tensor.FromArray([float.NegativeInfinity, 0f, float.PositiveInfinity]).Sigmoid().ToArray());
        Assert.Equal([-1f, 1f], Tensor.FromArray([float.NegativeInfinity, float.PositiveInfinity]).Erf().ToArray());
    }

    /// <summary>Reference erf by a long Maclaurin series in double (|x| ≤ 4 here) – independent of the library's formula.</summary>
    private static double ErfReference(double x)
    {
        if (Math.Abs(x) > 5.5)
        {
            return Math.Sign(x);
        }

        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    private static void AssertClose(double expected, float actual, string name, int n, double scale = 1)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(float.IsNaN(actual), $"{name} n={n}: expected NaN, got {actual}");
            return;
        }

        var tol = scale * (2e-6 + (2e-6 * Math.Abs(expected)));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{name} n={n}: expected {expected}, got {actual}");
    }
}
