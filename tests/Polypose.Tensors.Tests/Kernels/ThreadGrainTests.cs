using Polypose.Tensors.Kernels;
using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Tests.Kernels;

/// <summary>
/// Thread grain and the split of small GEMMs / attention heads: results must be bit-identical for any thread count and
/// nested parallel loops must run inline.
/// </summary>
[Collection(TensorThreadsGroup.Name)]
[Trait("Stage", "Tensors")]
public sealed class ThreadGrainTests
{
    [Theory]
    [InlineData(false, true, 150, 768, 256)] // projection: few row blocks, column split
    [InlineData(false, false, 150, 256, 1024)] // input gradient of a 4x MLP layer
    [InlineData(true, false, 256, 1024, 150)] // weight gradient
    [InlineData(true, true, 150, 150, 70)] // square-ish: row split, partial tiles both ways
    [InlineData(false, false, 37, 900, 300)] // m below one MR tile multiple
    public void SgemmAvx512_SmallMatricesAnyThreadCount_BitIdenticalAndCorrect(bool ta, bool tb, int m, int n, int k)
    {
        if (!Gemm.Avx512Available)
        {
            return;
        }

        // Arrange
        int lda = ta ? m : k, ldb = tb ? k : n, ldc = n + 3;
        var a = KernelAssert.Random(m * k, 21);
        var b = KernelAssert.Random(k * n, 22);
        var results = new List<float[]>();
        var old = TensorThreads.Count;
        try
        {
            // Act
            foreach (var threads in new[] { 1, 2, 3, 5 })
            {
                TensorThreads.Count = threads;
                var c = KernelAssert.Random(m * ldc, 23);
                Gemm.SgemmAvx512(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, c, ldc);
                results.Add(c);
            }
        }
        finally
        {
            TensorThreads.Count = old;
        }

        // Assert: identical bits (padding columns included, so untouched), and close to the naive product.
        for (var i = 1; i < results.Count; i++)
        {
            Assert.Equal(results[0], results[i]);
        }

        var expected = GemmTests.Naive(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, KernelAssert.Random(m * ldc, 23), ldc);
        KernelAssert.Close(expected, results[0], atol: 1e-3, rtol: 1e-4);
    }

    [Fact]
    public void ScaledDotProduct_ForwardBackwardAnyThreadCount_BitIdentical()
    {
        // Arrange: 2 batches x 5 heads of 150 tokens (each head above the per-thread grain), with a mask.
        const int b = 2, t = 150, h = 5, d = 16;
        var mask = Tensor.Randn(new Generator(31), 1, 1, t, t);
        var r = Tensor.Randn(new Generator(32), b, h, t, d);
        var runs = new List<float[][]>();
        var old = TensorThreads.Count;
        try
        {
            foreach (var threads in new[] { 1, 2, 3 })
            {
                TensorThreads.Count = threads;
                var q = GradCheck.Input(33, b, t, h * d).SetRequiresGrad();
                var k = GradCheck.Input(34, b, t, h * d).SetRequiresGrad();
                var v = GradCheck.Input(35, b, t, h * d).SetRequiresGrad();
                Tensor Heads(Tensor x) => x.Reshape(b, t, h, d).Transpose(1, 2);

                // Act
                var (o, w) = AttentionOps.ScaledDotProduct(Heads(q), Heads(k), Heads(v), mask);
                ((o * r).Sum() + w.Square().Sum()).Backward();
                runs.Add([o.Contiguous().ToArray(), w.ToArray(), q.Grad!.ToArray(), k.Grad!.ToArray(), v.Grad!.ToArray()]);
            }
        }
        finally
        {
            TensorThreads.Count = old;
        }

        // Assert
        for (var i = 1; i < runs.Count; i++)
        {
            for (var part = 0; part < runs[0].Length; part++)
            {
                Assert.Equal(runs[0][part], runs[i][part]);
            }
        }

        Assert.All(runs[0][2], x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void For_CalledInsideBody_RunsNestedLoopInline()
    {
        var old = TensorThreads.Count;
        try
        {
            // Arrange
            TensorThreads.Count = 2;
            var outerThreads = new int[2];
            var innerThreads = new int[2][];
            var available = new int[2];

            // Act
            TensorThreads.For(2, 1, (outerThreads, innerThreads, available), static (s, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    s.outerThreads[i] = Environment.CurrentManagedThreadId;
                    s.available[i] = TensorThreads.Available;
                    var inner = new int[64];
                    TensorThreads.For(64, 1, inner, static (x, a, z) =>
                    {
                        for (var j = a; j < z; j++)
                        {
                            x[j] = Environment.CurrentManagedThreadId;
                        }
                    });
                    s.innerThreads[i] = inner;
                }
            });

            // Assert: each inner loop ran entirely on its outer worker's thread, and the flag is reset afterwards.
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(1, available[i]);
                Assert.All(innerThreads[i], id => Assert.Equal(outerThreads[i], id));
            }

            Assert.Equal(2, TensorThreads.Available);
        }
        finally
        {
            TensorThreads.Count = old;
        }
    }
}
