namespace Polypose.Evaluation.Functional;

/// <summary>
/// Minimum-cost one-to-one assignment (the Hungarian method, in the shortest-augmenting-path form with row and column
/// potentials), O(n²·m) for an n×m cost matrix with n ≤ m (the matrix is transposed internally otherwise).
/// </summary>
public static class LinearAssignment
{
    /// <summary>
    /// Solves the rectangular assignment problem for <paramref name="cost"/> [rows, cols]: every row is matched to a
    /// distinct column when rows ≤ cols, otherwise every column to a distinct row, minimising the summed cost.
    /// Returns rowToCol [rows] with −1 for unmatched rows. Costs must be finite (throws <see cref="ArgumentException"/>
    /// naming the cell otherwise); ties are broken deterministically.
    /// </summary>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                if (!double.IsFinite(cost[r, c]))
                {
                    throw new ArgumentException($"cost[{r}, {c}] = {cost[r, c]}: expected a finite number", nameof(cost));
                }
            }
        }

        var rowToCol = new int[rows];
        Array.Fill(rowToCol, -1);
        if (rows == 0 || cols == 0)
        {
            return rowToCol;
        }

        if (rows <= cols)
        {
            var match = SolveWide(rows, cols, (i, j) => cost[i, j]);
            for (var i = 0; i < rows; i++)
            {
                rowToCol[i] = match[i];
            }
        }
        else
        {
            var colToRow = SolveWide(cols, rows, (i, j) => cost[j, i]);
            for (var c = 0; c < cols; c++)
            {
                rowToCol[colToRow[c]] = c;
            }
        }

        return rowToCol;
    }

    /// <summary>The summed cost of an assignment returned by <see cref="Solve"/> (unmatched rows add nothing).</summary>
    public static double TotalCost(double[,] cost, IReadOnlyList<int> rowToCol)
    {
        ArgumentNullException.ThrowIfNull(cost);
        double sum = 0;
        for (var r = 0; r < rowToCol.Count; r++)
        {
            if (rowToCol[r] >= 0)
            {
                sum += cost[r, rowToCol[r]];
            }
        }

        return sum;
    }

    /// <summary>n ≤ m: returns, for each of the n rows, its column.</summary>
    private static int[] SolveWide(int n, int m, Func<int, int, double> a)
    {
        // 1-based potentials u (rows) and v (columns); p[j] = row matched to column j (0 = none); way = augmenting tree.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var cur = a(i0 - 1, j - 1) - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var result = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (p[j] != 0)
            {
                result[p[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
