namespace Polypose.Association.Candidates;

/// <summary>The ν of the reprojection cue z = exp(−λ·d/ν) of a multi-view candidate hyperedge.</summary>
public enum CueNormaliser
{
    /// <summary>
    /// ν = max(1, (m − 1)^(V − 1)), m the edge's member count and V the frame's view count (COMPOSE and DisPOSE §3.2:
    /// for V = 5, ν = 1, 16, 81, 256 for 2..5 members), so edges with more members tolerate a larger mean error.
    /// </summary>
    MembersPowerViews,

    /// <summary>ν = 1: the cue depends on the mean squared reprojection error only.</summary>
    None,
}
