using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Differentiable eigen-solvers for small symmetric matrices (n ≤ 8) built on <see cref="SymEigKernel"/>
/// (cyclic Jacobi in double; eigenvector sign: largest-magnitude component positive).
/// </summary>
public static class EigenOps
{
    /// <summary>
    /// Unit eigenvector of the smallest eigenvalue of each symmetric matrix ([..., n, n] → [..., n]); the input is
    /// symmetrised, the gradient is the first-order perturbation one with floored eigen-gaps (see <see cref="SymEigKernel"/>).
    /// </summary>
    public static Tensor SmallestEigenvector(Tensor matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var s = matrices.ShapeArray;
        if (s.Length < 2 || s[^1] != s[^2] || s[^1] > SymEigKernel.MaxOrder)
        {
            throw new ArgumentException($"SmallestEigenvector: expected [..., n, n] with n ≤ {SymEigKernel.MaxOrder}, got {Shapes.Format(s)}", nameof(matrices));
        }

        return new SmallestVectorFunction(singular: false).Apply(matrices);
    }

    /// <summary>
    /// Smallest right singular vector of each A ([..., rows, n] → [..., n]), i.e. the unit minimiser of |A v|
    /// (the DLT solution); computed as the smallest eigenvector of AᵀA, with gradient 2·A·∂L/∂(AᵀA).
    /// </summary>
    public static Tensor SmallestSingularVector(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var s = a.ShapeArray;
        if (s.Length < 2 || s[^1] > SymEigKernel.MaxOrder || s[^2] < 1)
        {
            throw new ArgumentException($"SmallestSingularVector: expected [..., rows, n] with n ≤ {SymEigKernel.MaxOrder}, got {Shapes.Format(s)}", nameof(a));
        }

        return new SmallestVectorFunction(singular: true).Apply(a);
    }

    /// <summary>
    /// Eigenvalues (ascending, [..., n]) and eigenvectors (columns, [..., n, n]) of symmetric matrices, as
    /// <c>torch.linalg.eigh</c> (https://pytorch.org/docs/stable/generated/torch.linalg.eigh.html). Not differentiable;
    /// use <see cref="SmallestEigenvector"/> for gradients.
    /// </summary>
    public static (Tensor Eigenvalues, Tensor Eigenvectors) SymEig(Tensor matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var s = matrices.ShapeArray;
        if (s.Length < 2 || s[^1] != s[^2] || s[^1] > SymEigKernel.MaxOrder)
        {
            throw new ArgumentException($"SymEig: expected [..., n, n] with n ≤ {SymEigKernel.MaxOrder}, got {Shapes.Format(s)}", nameof(matrices));
        }

        var n = s[^1];
        var batch = Shapes.NumEl(s) / (n * n);
        var vals = ConvData.New(s[..^1], out var v);
        var vecs = ConvData.New((int[])s.Clone(), out var e);
        SymEigKernel.Decompose(batch, n, ConvData.Dense(matrices), v, e);
        return (vals, vecs);
    }

    private sealed class SmallestVectorFunction(bool singular) : Function
    {
        public override string Name => singular ? "SmallestSingularVector" : "SmallestEigenvector";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var s = inputs[0].ShapeArray;
            int n = s[^1], rows = s[^2], batch = Shapes.NumEl(s) / (rows * n);
            var y = ConvData.New(s[..^1][..^1].Append(n).ToArray(), out var data);
            if (singular)
            {
                SymEigKernel.SmallestSingularVector(batch, rows, n, ConvData.Dense(inputs[0]), data);
            }
            else
            {
                SymEigKernel.SmallestEigenvector(batch, n, ConvData.Dense(inputs[0]), data, default);
            }

            SaveForBackward(inputs[0]);
            return [y];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var input = SavedTensors[0];
            var s = input.ShapeArray;
            int n = s[^1], rows = s[^2], batch = Shapes.NumEl(s) / (rows * n);
            var dx = ConvData.New(input.Shape, out var data);
            if (singular)
            {
                SymEigKernel.SmallestSingularVectorBackward(batch, rows, n, ConvData.Dense(input), ConvData.Dense(gradOutputs[0]), data);
            }
            else
            {
                SymEigKernel.SmallestEigenvectorBackward(batch, n, ConvData.Dense(input), ConvData.Dense(gradOutputs[0]), data);
            }

            return [dx];
        }
    }
}
