namespace Polypose.Tensors.Kernels;

/// <summary>Input preparation (symmetrisation, Gram matrix) and the cyclic Jacobi eigen-solver in double precision.</summary>
internal static partial class SymEigKernel
{
    private static void Load(ReadOnlySpan<float> src, int n, Span<double> m)
    {
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                m[(r * n) + c] = 0.5 * ((double)src[(r * n) + c] + src[(c * n) + r]);
            }
        }
    }

    private static void Gram(ReadOnlySpan<float> a, int rows, int n, Span<double> m)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var s = 0.0;
                for (var r = 0; r < rows; r++)
                {
                    s += (double)a[(r * n) + i] * a[(r * n) + j];
                }

                m[(i * n) + j] = s;
                m[(j * n) + i] = s;
            }
        }
    }

    /// <summary>Cyclic Jacobi on a copy of m; eigenvalues ascending, eigenvectors as columns, sign-normalised.</summary>
    private static void Jacobi(ReadOnlySpan<double> input, int n, Span<double> vals, Span<double> vecs)
    {
        Span<double> a = stackalloc double[n * n];
        input.CopyTo(a);
        vecs.Clear();
        for (var i = 0; i < n; i++)
        {
            vecs[(i * n) + i] = 1;
        }

        var norm = 0.0;
        for (var i = 0; i < n * n; i++)
        {
            norm += a[i] * a[i];
        }

        var bad = !double.IsFinite(norm);
        for (var sweep = 0; sweep < 64 && !bad; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            if (off <= 1e-30 * norm || off == 0)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, vecs, n, p, q);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            vals[i] = bad ? 0 : a[(i * n) + i];
        }

        if (bad)
        {
            return;
        }

        SortAndNormalise(vals, vecs, n);
    }

    private static void Rotate(Span<double> a, Span<double> v, int n, int p, int q)
    {
        var apq = a[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        var theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
        var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        if (theta == 0)
        {
            t = 1;
        }

        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            double akp = a[(k * n) + p], akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            double apk = a[(p * n) + k], aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            double vkp = v[(k * n) + p], vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }

    private static void SortAndNormalise(Span<double> vals, Span<double> vecs, int n)
    {
        for (var i = 1; i < n; i++)
        {
            for (var j = i; j > 0 && vals[j] < vals[j - 1]; j--)
            {
                (vals[j], vals[j - 1]) = (vals[j - 1], vals[j]);
                for (var r = 0; r < n; r++)
                {
                    (vecs[(r * n) + j], vecs[(r * n) + j - 1]) = (vecs[(r * n) + j - 1], vecs[(r * n) + j]);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var r = 1; r < n; r++)
            {
                if (Math.Abs(vecs[(r * n) + i]) > Math.Abs(vecs[(best * n) + i]) + 1e-12)
                {
                    best = r;
                }
            }

            if (vecs[(best * n) + i] < 0)
            {
                for (var r = 0; r < n; r++)
                {
                    vecs[(r * n) + i] = -vecs[(r * n) + i];
                }
            }
        }
    }
}
