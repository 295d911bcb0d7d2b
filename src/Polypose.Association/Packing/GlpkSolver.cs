namespace Polypose.Association.Packing;

/// <summary>
/// Optional exact solver backed by GLPK's branch-and-cut (<c>glp_simplex</c> then <c>glp_intopt</c>) on the weighted
/// exact-cover model: one binary column per hyperedge and one per node's singleton, one row per node with
/// Σ covering columns = 1, maximise Σ weight·x. It is a cross-check for <see cref="BranchAndBoundSolver"/> (a different
/// formulation and a different algorithm). When the library cannot be loaded <see cref="IsAvailable"/> is false and
/// <see cref="UnavailableReason"/> says why. Calls are serialised process-wide.
/// </summary>
public sealed class GlpkSolver : ISetPackingSolver
{
    private static readonly Lock Gate = new();

    /// <inheritdoc />
    public string Name => "glpk";

    /// <inheritdoc />
    public bool IsAvailable => GlpkNative.Instance.Api is not null;

    /// <inheritdoc />
    public string? UnavailableReason => GlpkNative.Instance.Error;

    /// <inheritdoc />
    public unsafe double Solve(PackingProblem problem, List<int> selectedEdges)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(selectedEdges);
        var api = GlpkNative.Instance.Api ?? throw new InvalidOperationException(UnavailableReason);
        selectedEdges.Clear();
        var n = problem.NodeCount;
        if (n == 0)
        {
            return 0;
        }

        var e = problem.EdgeCount;
        var starts = problem.MemberStarts;
        var nonZeros = starts[e] + n;

        // GLPK arrays are 1-based; element 0 is unused.
        var ia = new int[nonZeros + 1];
        var ja = new int[nonZeros + 1];
        var ar = new double[nonZeros + 1];
        var k = 1;
        var members = problem.AllMembers;
        for (var edge = 0; edge < e; edge++)
        {
            for (var m = starts[edge]; m < starts[edge + 1]; m++)
            {
                ia[k] = members[m] + 1;
                ja[k] = edge + 1;
                ar[k] = 1;
                k++;
            }
        }

        for (var node = 0; node < n; node++)
        {
            ia[k] = node + 1;
            ja[k] = e + node + 1;
            ar[k] = 1;
            k++;
        }

        lock (Gate)
        {
            api.TermOut(0);
            var lp = api.CreateProb();
            try
            {
                api.SetObjDir(lp, GlpkNative.ObjectiveMaximise);
                api.AddRows(lp, n);
                for (var row = 1; row <= n; row++)
                {
                    api.SetRowBnds(lp, row, GlpkNative.BoundFixed, 1, 1);
                }

                api.AddCols(lp, e + n);
                for (var col = 1; col <= e + n; col++)
                {
                    api.SetColKind(lp, col, GlpkNative.ColumnBinary);
                    var w = col <= e ? problem.EdgeWeight(col - 1) : problem.SingletonWeight(col - e - 1);
                    api.SetObjCoef(lp, col, w);
                }

                fixed (int* pi = ia, pj = ja)
                {
                    fixed (double* pa = ar)
                    {
                        api.LoadMatrix(lp, nonZeros, pi, pj, pa);
                    }
                }

                var rc = api.Simplex(lp, 0);
                if (rc != 0)
                {
                    throw new InvalidOperationException($"glp_simplex failed with code {rc}");
                }

                rc = api.IntOpt(lp, 0);
                var status = api.MipStatus(lp);
                if (rc != 0 || status != GlpkNative.StatusOptimal)
                {
                    throw new InvalidOperationException($"glp_intopt failed (code {rc}, status {status})");
                }

                for (var col = 1; col <= e; col++)
                {
                    if (api.MipColVal(lp, col) > 0.5)
                    {
                        selectedEdges.Add(col - 1);
                    }
                }

                return api.MipObjVal(lp);
            }
            finally
            {
                api.DeleteProb(lp);
            }
        }
    }
}
