namespace Polypose.Learning.Assignment;

/// <summary>
/// The outcome of one <see cref="SparseSinkhornProblem.Solve"/>: the log masses of all M + B edges (real edges, then
/// one fallback per sample) and, when recorded, the tape needed by <see cref="Backward"/>. float64 throughout.
/// </summary>
public sealed class SinkhornResult
{
    private readonly SparseSinkhornProblem _problem;
    private readonly double[] _logMass;
    private readonly double[][]? _tape;

    internal SinkhornResult(SparseSinkhornProblem problem, double[] logMass, int iterations, double[][]? tape)
    {
        _problem = problem;
        _logMass = logMass;
        Iterations = iterations;
        _tape = tape;
    }

    /// <summary>The number of sweeps run.</summary>
    public int Iterations { get; }

    /// <summary><c>[M + B]</c>: natural-log mass of every edge (−∞ for edges touching an invalid node).</summary>
    public ReadOnlySpan<double> LogMass => _logMass;

    /// <summary><c>[M]</c>: the polystochastic masses x_e = exp(ℓ_e) of the real edges.</summary>
    public double[] Probabilities()
    {
        var m = _problem.Graph.EdgeCount;
        var x = new double[m];
        for (var e = 0; e < m; e++)
        {
            x[e] = Math.Exp(_logMass[e]);
        }

        return x;
    }

    /// <summary>Mass of the fallback all-dustbin edge of sample <paramref name="sample"/>.</summary>
    public double FallbackMass(int sample) => Math.Exp(_logMass[_problem.Graph.EdgeCount + sample]);

    /// <summary>
    /// <c>[samples, N + 1]</c>: the marginal masses of mode <paramref name="view"/> (slot n, then the dustbin), fallback
    /// edges included.
    /// </summary>
    public double[] Marginals(int view)
    {
        var lse = _problem.LogMarginals(_logMass, view);
        return Array.ConvertAll(lse, Math.Exp);
    }

    /// <summary>
    /// Vector-Jacobian product: given d loss / d x for the real edges (<c>[M]</c>), returns d loss / d logits
    /// (<c>[M]</c>), differentiating through every iteration (group maxima are constants of the log-sum-exp and need no
    /// gradient). Requires <c>recordTape: true</c> in <see cref="SparseSinkhornProblem.Solve"/>.
    /// </summary>
    public double[] Backward(ReadOnlySpan<double> gradProbabilities)
    {
        if (_tape is null)
        {
            throw new InvalidOperationException("Backward needs the tape: solve with recordTape: true");
        }

        var m = _problem.Graph.EdgeCount;
        if (gradProbabilities.Length != m)
        {
            throw new ArgumentException($"expected {m} gradients (one per edge), got {gradProbabilities.Length}", nameof(gradProbabilities));
        }

        var grad = new double[_problem.TotalEdges];
        for (var e = 0; e < m; e++)
        {
            var x = Math.Exp(_logMass[e]);
            grad[e] = x == 0 ? 0 : gradProbabilities[e] * x;
        }

        _problem.Backward(_logMass, _tape, grad);
        return grad[..m];
    }
}
