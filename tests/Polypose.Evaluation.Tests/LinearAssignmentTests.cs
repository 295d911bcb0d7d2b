using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class LinearAssignmentTests
{
    [Fact]
    public void Solve_KnownSquareMatrix_ReturnsOptimalPermutation()
    {
        // Arrange: the optimum is 0->1, 1->0, 2->2 with cost 1 + 2 + 2 = 5 (the greedy diagonal would cost 4+4+2 = 10).
        double[,] cost = { { 4, 1, 3 }, { 2, 4, 5 }, { 3, 2, 2 } };

        // Act
        var match = LinearAssignment.Solve(cost);

        // Assert
        Assert.Equal([1, 0, 2], match);
        Assert.Equal(5, LinearAssignment.TotalCost(cost, match));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    [InlineData(6, 6)]
    [InlineData(2, 5)]
    [InlineData(6, 3)]
    [InlineData(4, 7)]
    public void Solve_RandomMatrices_MatchesBruteForce(int rows, int cols)
    {
        var rng = new Random(1234 + (rows * 31) + cols);
        for (var trial = 0; trial < 40; trial++)
        {
            // Arrange: integer costs make ties common, which exercises tie handling.
            var cost = new double[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cost[r, c] = trial % 2 == 0 ? rng.Next(0, 6) : rng.NextDouble() * 1000;
                }
            }

            // Act
            var match = LinearAssignment.Solve(cost);

            // Assert: a valid one-to-one assignment of size min(rows, cols) with the brute-force optimum cost.
            Assert.Equal(Math.Min(rows, cols), match.Count(m => m >= 0));
            Assert.Equal(match.Where(m => m >= 0).Count(), match.Where(m => m >= 0).Distinct().Count());
            Assert.Equal(BruteForce(cost), LinearAssignment.TotalCost(cost, match), 9);
        }
    }

    [Fact]
    public void Solve_EmptyMatrix_ReturnsUnmatchedRows()
    {
        Assert.Equal([-1, -1], LinearAssignment.Solve(new double[2, 0]));
        Assert.Empty(LinearAssignment.Solve(new double[0, 3]));
    }

    [Fact]
    public void Solve_NonFiniteCost_ThrowsNamingTheCell()
    {
        double[,] cost = { { 1, 2 }, { double.NaN, 3 } };
        var ex = Assert.Throws<ArgumentException>(() => LinearAssignment.Solve(cost));
        Assert.Contains("cost[1, 0]", ex.Message, StringComparison.Ordinal);
    }

    private static double BruteForce(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var best = double.PositiveInfinity;
        var used = new bool[Math.Max(rows, cols)];
        if (rows <= cols)
        {
            Recurse(0, 0);
        }
        else
        {
            RecurseT(0, 0);
        }

        return best;

        void Recurse(int r, double acc)
        {
            if (r == rows)
            {
                best = Math.Min(best, acc);
                return;
            }

            for (var c = 0; c < cols; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    Recurse(r + 1, acc + cost[r, c]);
                    used[c] = false;
                }
            }
        }

        void RecurseT(int c, double acc)
        {
            if (c == cols)
            {
                best = Math.Min(best, acc);
                return;
            }

            for (var r = 0; r < rows; r++)
            {
                if (!used[r])
                {
                    used[r] = true;
                    RecurseT(c + 1, acc + cost[r, c]);
                    used[r] = false;
                }
            }
        }
    }
}
