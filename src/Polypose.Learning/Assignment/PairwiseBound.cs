namespace Polypose.Learning.Assignment;

/// <summary>The two-view pre-filter bound of Stage I's candidate hyperedges (DisPOSE 3.2 step 2).</summary>
public enum PairwiseBound
{
    /// <summary>
    /// Polypose's default: a pair is compatible when its mean squared reprojection error is under the hyperedge bound
    /// itself (4096 px²), so the search does not enumerate tuples the hyperedge gate would drop anyway; keeps rigs with
    /// many views tractable.
    /// </summary>
    HyperedgeBound,

    /// <summary>The reference: 4096·V² px² (V the frame's view count; 102,400 px² for V = 5), nearly always compatible.</summary>
    ViewsSquared,
}
