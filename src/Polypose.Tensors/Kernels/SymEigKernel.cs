using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Batched eigen-decomposition of small symmetric matrices (n ≤ 8; meant for 3×3 and 4×4) by cyclic Jacobi
/// rotations in double precision, and the smallest eigenvector / smallest right singular vector with analytic
/// gradients. Inputs are symmetrised first (M ← (M + Mᵀ)/2), so gradients are the symmetric ones.
/// Eigenvector sign convention: the component of largest magnitude is positive (lowest index on ties).
/// </summary>
/// <remarks>
/// Gradient of the smallest eigenvector v₀ (eigenvalue λ₀) by first-order perturbation theory:
/// dv₀ = Σ_{i≠0} vᵢ (vᵢᵀ dM v₀) / (λ₀ − λᵢ), hence ∂L/∂M = sym(Σ_{i≠0} cᵢ vᵢ v₀ᵀ) with cᵢ = (vᵢᵀ g)/(λ₀ − λᵢ), g = ∂L/∂v₀.
/// Near-degenerate gaps are floored: |λᵢ − λ₀| is replaced by max(|λᵢ − λ₀|, gapFloor·max(1, |λ|max)), so the result
/// stays finite (it is then a bounded surrogate, not the true, exploding derivative).
/// For the smallest right singular vector of A [rows, n] (via M = AᵀA): ∂L/∂A = 2·A·∂L/∂M.
/// </remarks>
internal static partial class SymEigKernel
{
    /// <summary>Largest supported matrix order.</summary>
    public const int MaxOrder = 8;

    /// <summary>Default relative floor on eigenvalue gaps in the backward passes.</summary>
    public const double DefaultGapFloor = 1e-6;

    /// <summary>Full decomposition, eigenvalues ascending (as <c>torch.linalg.eigh</c>).</summary>
    /// <param name="batch">B.</param>
    /// <param name="n">Order n (1..8).</param>
    /// <param name="matrices">[B, n, n], row-major.</param>
    /// <param name="eigenvalues">[B, n], ascending.</param>
    /// <param name="eigenvectors">[B, n, n], column i is the unit eigenvector of eigenvalue i.</param>
    public static void Decompose(int batch, int n, ReadOnlySpan<float> matrices, Span<float> eigenvalues, Span<float> eigenvectors)
    {
        CheckOrder(batch, n);
        SpanChecks.AtLeast(matrices.Length, batch * n * n, nameof(matrices));
        SpanChecks.AtLeast(eigenvalues.Length, batch * n, nameof(eigenvalues));
        SpanChecks.AtLeast(eigenvectors.Length, batch * n * n, nameof(eigenvectors));
        Span<double> m = stackalloc double[n * n];
        Span<double> vals = stackalloc double[n];
        Span<double> vecs = stackalloc double[n * n];
        for (var b = 0; b < batch; b++)
        {
            Load(matrices.Slice(b * n * n, n * n), n, m);
            Jacobi(m, n, vals, vecs);
            for (var i = 0; i < n; i++)
            {
                eigenvalues[(b * n) + i] = (float)vals[i];
                for (var r = 0; r < n; r++)
                {
                    eigenvectors[(b * n * n) + (r * n) + i] = (float)vecs[(r * n) + i];
                }
            }
        }
    }

    /// <summary>Smallest eigenvalue and its unit eigenvector per matrix.</summary>
    /// <param name="batch">B.</param>
    /// <param name="n">Order n.</param>
    /// <param name="matrices">[B, n, n].</param>
    /// <param name="vectors">[B, n].</param>
    /// <param name="eigenvalues">[B], or empty to skip.</param>
    public static void SmallestEigenvector(int batch, int n, ReadOnlySpan<float> matrices, Span<float> vectors, Span<float> eigenvalues)
    {
        CheckOrder(batch, n);
        SpanChecks.AtLeast(matrices.Length, batch * n * n, nameof(matrices));
        SpanChecks.AtLeast(vectors.Length, batch * n, nameof(vectors));
        Span<double> m = stackalloc double[n * n];
        Span<double> vals = stackalloc double[n];
        Span<double> vecs = stackalloc double[n * n];
        for (var b = 0; b < batch; b++)
        {
            Load(matrices.Slice(b * n * n, n * n), n, m);
            Jacobi(m, n, vals, vecs);
            for (var r = 0; r < n; r++)
            {
                vectors[(b * n) + r] = (float)vecs[r * n];
            }

            if (!eigenvalues.IsEmpty)
            {
                eigenvalues[b] = (float)vals[0];
            }
        }
    }

    /// <summary>Gradient of a loss wrt the (symmetric) matrices given its gradient wrt the smallest eigenvectors.</summary>
    /// <param name="batch">B.</param>
    /// <param name="n">Order n.</param>
    /// <param name="matrices">[B, n, n], the forward input.</param>
    /// <param name="gradVectors">∂L/∂v₀, [B, n].</param>
    /// <param name="gradMatrices">∂L/∂M, [B, n, n] (overwritten, symmetric).</param>
    /// <param name="gapFloor">Relative floor on eigenvalue gaps.</param>
    public static void SmallestEigenvectorBackward(int batch, int n, ReadOnlySpan<float> matrices, ReadOnlySpan<float> gradVectors, Span<float> gradMatrices, double gapFloor = DefaultGapFloor)
    {
        CheckOrder(batch, n);
        SpanChecks.AtLeast(matrices.Length, batch * n * n, nameof(matrices));
        SpanChecks.AtLeast(gradVectors.Length, batch * n, nameof(gradVectors));
        SpanChecks.AtLeast(gradMatrices.Length, batch * n * n, nameof(gradMatrices));
        Span<double> m = stackalloc double[n * n];
        Span<double> g = stackalloc double[n * n];
        for (var b = 0; b < batch; b++)
        {
            Load(matrices.Slice(b * n * n, n * n), n, m);
            MatrixGradient(m, n, gradVectors.Slice(b * n, n), gapFloor, g);
            for (var i = 0; i < n * n; i++)
            {
                gradMatrices[(b * n * n) + i] = (float)g[i];
            }
        }
    }

    /// <summary>Smallest right singular vector of each A (the smallest eigenvector of AᵀA), e.g. the DLT solution.</summary>
    /// <param name="batch">B.</param>
    /// <param name="rows">Rows of A.</param>
    /// <param name="n">Columns of A (order of AᵀA).</param>
    /// <param name="a">[B, rows, n].</param>
    /// <param name="vectors">[B, n].</param>
    public static void SmallestSingularVector(int batch, int rows, int n, ReadOnlySpan<float> a, Span<float> vectors)
    {
        CheckOrder(batch, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        SpanChecks.AtLeast(a.Length, batch * rows * n, nameof(a));
        SpanChecks.AtLeast(vectors.Length, batch * n, nameof(vectors));
        Span<double> m = stackalloc double[n * n];
        Span<double> vals = stackalloc double[n];
        Span<double> vecs = stackalloc double[n * n];
        for (var b = 0; b < batch; b++)
        {
            Gram(a.Slice(b * rows * n, rows * n), rows, n, m);
            Jacobi(m, n, vals, vecs);
            for (var r = 0; r < n; r++)
            {
                vectors[(b * n) + r] = (float)vecs[r * n];
            }
        }
    }

    /// <summary>∂L/∂A = 2·A·∂L/∂(AᵀA) for the smallest right singular vector.</summary>
    /// <param name="batch">B.</param>
    /// <param name="rows">Rows of A.</param>
    /// <param name="n">Columns of A.</param>
    /// <param name="a">[B, rows, n], the forward input.</param>
    /// <param name="gradVectors">∂L/∂v, [B, n].</param>
    /// <param name="gradA">∂L/∂A, [B, rows, n] (overwritten).</param>
    /// <param name="gapFloor">Relative floor on eigenvalue gaps.</param>
    public static void SmallestSingularVectorBackward(int batch, int rows, int n, ReadOnlySpan<float> a, ReadOnlySpan<float> gradVectors, Span<float> gradA, double gapFloor = DefaultGapFloor)
    {
        CheckOrder(batch, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        SpanChecks.AtLeast(a.Length, batch * rows * n, nameof(a));
        SpanChecks.AtLeast(gradVectors.Length, batch * n, nameof(gradVectors));
        SpanChecks.AtLeast(gradA.Length, batch * rows * n, nameof(gradA));
        Span<double> m = stackalloc double[n * n];
        Span<double> g = stackalloc double[n * n];
        for (var b = 0; b < batch; b++)
        {
            var ab = a.Slice(b * rows * n, rows * n);
            Gram(ab, rows, n, m);
            MatrixGradient(m, n, gradVectors.Slice(b * n, n), gapFloor, g);
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < n; j++)
                {
                    var s = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        s += ab[(r * n) + k] * g[(k * n) + j];
                    }

                    gradA[(b * rows * n) + (r * n) + j] = (float)(2 * s);
                }
            }
        }
    }

    private static void MatrixGradient(Span<double> m, int n, ReadOnlySpan<float> gv, double gapFloor, Span<double> grad)
    {
        Span<double> vals = stackalloc double[n];
        Span<double> vecs = stackalloc double[n * n];
        Jacobi(m, n, vals, vecs);
        var scale = Math.Max(1.0, Math.Max(Math.Abs(vals[0]), Math.Abs(vals[n - 1])));
        grad.Clear();
        for (var i = 1; i < n; i++)
        {
            var proj = 0.0;
            for (var r = 0; r < n; r++)
            {
                proj += vecs[(r * n) + i] * gv[r];
            }

            var gap = Math.Max(vals[i] - vals[0], gapFloor * scale);
            var ci = -proj / gap;
            for (var r = 0; r < n; r++)
            {
                for (var s = 0; s < n; s++)
                {
                    grad[(r * n) + s] += ci * vecs[(r * n) + i] * vecs[s * n];
                }
            }
        }

        for (var r = 0; r < n; r++)
        {
            for (var s = r + 1; s < n; s++)
            {
                var avg = 0.5 * (grad[(r * n) + s] + grad[(s * n) + r]);
                grad[(r * n) + s] = avg;
                grad[(s * n) + r] = avg;
            }
        }
    }

    private static void CheckOrder(int batch, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxOrder);
    }
}
