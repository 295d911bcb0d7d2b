using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Tests.Kernels;

[Trait("Stage", "Tensors")]
[Collection(TensorThreadsGroup.Name)]
public sealed class GemmTests
{
    public static TheoryData<int, int, int, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        int[][] shapes = [[1, 1, 1], [7, 13, 5], [6, 16, 1], [37, 65, 129], [100, 3, 257], [5, 200, 300], [129, 97, 33], [8, 32, 300], [136, 1060, 40]];
        foreach (var s in shapes)
        {
            foreach (var ta in new[] { false, true })
            {
                foreach (var tb in new[] { false, true })
                {
                    data.Add(s[0], s[1], s[2], ta, tb);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sgemm_OddShapesAndTransposes_MatchesNaiveTripleLoop(int m, int n, int k, bool transA, bool transB)
    {
        // Arrange: padded leading dimensions, non-trivial alpha/beta.
        int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1;
        var a = KernelAssert.Random(((transA ? k : m) * lda) + 1, 1);
        var b = KernelAssert.Random(((transB ? n : k) * ldb) + 1, 2);
        var c0 = KernelAssert.Random(m * ldc, 3);
        const float Alpha = 0.75f, Beta = -0.5f;
        var expected = Naive(transA, transB, m, n, k, Alpha, a, lda, b, ldb, Beta, c0, ldc);

        foreach (var kernel in new[] { "default", "managed", "avx512" })
        {
            if (kernel == "avx512" && !Gemm.Avx512Available)
            {
                continue;
            }

            var c = (float[])c0.Clone();

            // Act
            switch (kernel)
            {
                case "managed":
                    Gemm.SgemmManaged(transA, transB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);
                    break;
                case "avx512":
                    Gemm.SgemmAvx512(transA, transB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);
                    break;
                default:
                    Gemm.Sgemm(transA, transB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);
                    break;
            }

            // Assert (padding columns of C untouched).
            KernelAssert.Close(expected, c, atol: 1e-4 * Math.Sqrt(k), rtol: 1e-4);
        }
    }

    [Fact]
    public void SgemmManaged_MultipleThreads_MatchesSingleThread()
    {
        // Arrange: big enough for several row blocks.
        const int M = 300, N = 70, K = 520;
        var a = KernelAssert.Random(M * K, 4);
        var b = KernelAssert.Random(K * N, 5);
        var expected = Naive(false, false, M, N, K, 1f, a, K, b, N, 0f, new float[M * N], N);
        var c = new float[M * N];
        var old = TensorThreads.Count;
        try
        {
            // Act
            TensorThreads.Count = 3;
            Gemm.SgemmManaged(false, false, M, N, K, 1f, a, K, b, N, 0f, c, N);
        }
        finally
        {
            TensorThreads.Count = old;
        }

        // Assert
        KernelAssert.Close(expected, c, atol: 1e-3, rtol: 1e-4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgemm_BetaZeroWithNaNInC_OverwritesWithoutNaN(bool managed)
    {
        // Arrange: [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50].
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        var c = new[] { float.NaN, float.NaN, float.NaN, float.NaN };

        // Act
        if (managed)
        {
            Gemm.SgemmManaged(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        }
        else
        {
            Gemm.Sgemm(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        }

        // Assert
        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Fact]
    public void Sgemm_ZeroInnerDimension_ScalesCByBeta()
    {
        var c = new[] { 2f, 4f };
        Gemm.Sgemm(false, false, 1, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal([1f, 2f], c);
    }

    [Fact]
    public void Sgemm_ShortSpanOrOverlap_ThrowsNamingParameter()
    {
        var buf = new float[16];
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 3, 3, 3, 1f, new float[8], 3, new float[9], 3, 0f, new float[9], 3));
        Assert.Equal("a", ex.ParamName);
        var ex2 = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 2, 1f, buf.AsSpan(0, 4), 2, buf.AsSpan(4, 4), 2, 0f, buf.AsSpan(2, 4), 2));
        Assert.Equal("c", ex2.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(false, false, 2, 2, 2, 1f, new float[4], 1, new float[4], 2, 0f, new float[4], 2));
    }

    [Fact]
    public void Backend_Default_ReportsKernelInUse()
    {
        // AVX-512 CPUs use the managed Vector512 kernel; otherwise OpenBLAS when installed, else the managed one.
        var expected = Gemm.Avx512Available ? "managed-avx512" : Gemm.NativeAvailable ? "openblas" : "managed";
        Assert.Equal(expected, Gemm.Backend);
    }

    [Fact]
    public void SgemmAvx512_MultipleThreadsAndTransposes_MatchesNaive()
    {
        if (!Gemm.Avx512Available)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Gemm.SgemmAvx512(false, false, 1, 1, 1, 1f, [1f], 1, [1f], 1, 0f, new float[1], 1));
            return;
        }

        // Arrange: several row blocks (MC = 128), a partial column panel and K > KC.
        const int M = 300, N = 70, K = 520;
        var a = KernelAssert.Random(M * K, 8);
        var b = KernelAssert.Random(K * N, 9);
        var expected = Naive(true, true, M, N, K, 1f, a, M, b, K, 0f, new float[M * N], N);
        var c = new float[M * N];
        var old = TensorThreads.Count;
        try
        {
            // Act
            TensorThreads.Count = 3;
            Gemm.SgemmAvx512(true, true, M, N, K, 1f, a, M, b, K, 0f, c, N);
        }
        finally
        {
            TensorThreads.Count = old;
        }

        // Assert
        KernelAssert.Close(expected, c, atol: 1e-3, rtol: 1e-4);
    }

    [Fact]
    public void ForceManaged_Set_SwitchesBackendAndStaysCorrect()
    {
        // Arrange
        var a = KernelAssert.Random(9 * 17, 6);
        var b = KernelAssert.Random(17 * 11, 7);
        var expected = Naive(false, false, 9, 11, 17, 1f, a, 17, b, 11, 0f, new float[99], 11);
        var c = new float[99];
        try
        {
            // Act
            Gemm.ForceManaged = true;
            Gemm.Sgemm(false, false, 9, 11, 17, 1f, a, 17, b, 11, 0f, c, 11);

            // Assert
            Assert.Equal("managed", Gemm.Backend);
            KernelAssert.Close(expected, c);
        }
        finally
        {
            Gemm.ForceManaged = false;
        }
    }

    [Fact]
    public void TensorThreadsCount_BelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorThreads.Count = 0);
    }

    internal static double[] Naive(bool ta, bool tb, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        var result = new double[c.Length];
        for (var i = 0; i < c.Length; i++)
        {
            result[i] = c[i];
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var p = 0; p < k; p++)
                {
                    var av = ta ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bv = tb ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s += (double)av * bv;
                }

                result[(i * ldc) + j] = (alpha * s) + (beta == 0 ? 0 : beta * (double)c[(i * ldc) + j]);
            }
        }

        return result;
    }
}
