namespace Polypose.Association.Packing;

/// <summary>
/// A set packing solver that can stop early: given a <see cref="WorkBudget"/>, it returns its best packing and says
/// whether that is proven optimal, with an upper bound on the optimum otherwise.
/// </summary>
public interface IBoundedSetPackingSolver : ISetPackingSolver
{
    /// <summary>The search work allowed per <see cref="ISetPackingSolver.Solve"/> (solver-defined units; long.MaxValue = unbounded, exact).</summary>
    long WorkBudget { get; set; }

    /// <summary>Whether the last solve's packing is proven optimal.</summary>
    bool LastProvenOptimal { get; }

    /// <summary>A proven upper bound on the optimal objective of the last solve (equal to its objective when optimal).</summary>
    double LastUpperBound { get; }
}
