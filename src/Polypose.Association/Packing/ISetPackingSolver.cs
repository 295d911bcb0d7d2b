namespace Polypose.Association.Packing;

/// <summary>An exact solver for <see cref="PackingProblem"/>.</summary>
public interface ISetPackingSolver
{
    /// <summary>Short name for reports ("branch-and-bound", "glpk").</summary>
    string Name { get; }

    /// <summary>Whether the solver can run here (e.g. its native library loaded); when false it says why in <see cref="UnavailableReason"/>.</summary>
    bool IsAvailable { get; }

    /// <summary>Why the solver is unavailable, or null when it is available.</summary>
    string? UnavailableReason { get; }

    /// <summary>
    /// Solves the problem exactly: clears <paramref name="selectedEdges"/>, fills it with the chosen edge indices in
    /// ascending order and returns the optimal objective. Throws <see cref="InvalidOperationException"/> when unavailable.
    /// </summary>
    double Solve(PackingProblem problem, List<int> selectedEdges);
}
