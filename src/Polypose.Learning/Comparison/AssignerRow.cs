using Polypose.Association;

namespace Polypose.Learning.Comparison;

/// <summary>
/// One row of a side-by-side table: a name ("teacher", "learned (synthetic only)", ...) and a factory of the
/// <see cref="ICrossViewAssigner"/> it evaluates (called once per scene; assigners are not thread-safe).
/// </summary>
/// <param name="Name">What the row shows.</param>
/// <param name="Create">Makes a fresh assigner.</param>
public sealed record AssignerRow(string Name, Func<ICrossViewAssigner> Create);
