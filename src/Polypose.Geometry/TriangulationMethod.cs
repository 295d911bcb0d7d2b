namespace Polypose.Geometry;

/// <summary>Which multi-view triangulation solver to use.</summary>
public enum TriangulationMethod
{
    /// <summary>Weighted algebraic (Plücker/DLT) SVD triangulation; see <see cref="Triangulation.Algebraic"/>. DisPOSE's choice for roots and joints.</summary>
    Algebraic = 0,

    /// <summary>Weighted least-squares midpoint of the rays; see <see cref="Triangulation.Midpoint"/>. DisPOSE's choice for edge cues.</summary>
    Midpoint = 1,
}
