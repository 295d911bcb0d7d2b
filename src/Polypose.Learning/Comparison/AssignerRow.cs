using Polypose.Association;
using Polypose.Reconstruction.Body;

namespace Polypose.Learning.Comparison;

/// <summary>
/// One row of a side-by-side table: a name ("teacher", "learned (synthetic only)", ...) and a factory of the
/// <see cref="ICrossViewAssigner"/> it evaluates (called once per scene; assigners are not thread-safe).
/// </summary>
/// <param name="Name">What the row shows.</param>
/// <param name="Create">Makes a fresh assigner.</param>
public sealed record AssignerRow(string Name, Func<ICrossViewAssigner> Create)
{
    /// <summary>
    /// Whether the assigner is also the body step (an <see cref="IBodyEstimator"/>, as the full DisPOSE model's
    /// <see cref="DisposeReconstructor"/>): the row's joints then come from it (the Stage II decoder) instead of the
    /// default per-joint triangulation. False: only the association differs from the teacher's row.
    /// </summary>
    public bool EstimatesBody { get; init; }

    /// <summary>A row for the full DisPOSE model: Stage I associates, the Stage II decoder gives the joints.</summary>
    public static AssignerRow Full(string name, DisposeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new AssignerRow(name, () => new DisposeReconstructor(model)) { EstimatesBody = true };
    }
}
