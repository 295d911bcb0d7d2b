using System.Numerics;

namespace Polypose.Geometry;

/// <summary>
/// The outcome of <see cref="Triangulation.WithWorstViewDropout"/>: the final triangulation (world mm), the views it
/// used as a bit mask (bit v set = view v kept), and the largest reprojection error (px) among the kept views
/// (<see cref="double.PositiveInfinity"/> when the triangulation is invalid).
/// </summary>
public readonly record struct DropoutTriangulationResult(TriangulationResult Triangulation, ulong KeptViews, double WorstReprojectionErrorPx)
{
    /// <summary>True when the final triangulation is valid.</summary>
    public bool IsValid => Triangulation.IsValid;

    /// <summary>The triangulated point (world mm); <see cref="Vec3.Zero"/> when invalid.</summary>
    public Vec3 Point => Triangulation.Point;

    /// <summary>How many views were kept.</summary>
    public int KeptCount => BitOperations.PopCount(KeptViews);

    /// <summary>Whether view <paramref name="view"/> (0-based) was kept.</summary>
    public bool IsKept(int view) => view is >= 0 and < 64 && ((KeptViews >> view) & 1UL) != 0;
}
