namespace Polypose.Association;

/// <summary>
/// The selected multi-view person hypotheses of one frame. Owned and reused by the <see cref="CrossViewAssociator"/> that
/// produced it: valid until that associator's next call. Detections left as singletons are not listed.
/// </summary>
public sealed class AssociationResult
{
    private int[] _groups = new int[64];
    private double[] _cues = new double[16];
    private double[] _errors = new double[16];

    /// <summary>Number of views of the frame.</summary>
    public int ViewCount { get; private set; }

    /// <summary>Number of selected multi-view groups (people).</summary>
    public int GroupCount { get; private set; }

    /// <summary>Candidate hyperedges that survived the geometric checks (before selection).</summary>
    public int CandidateCount { get; internal set; }

    /// <summary>Detection pairs (across views) that passed the two-view check.</summary>
    public int CompatiblePairCount { get; internal set; }

    /// <summary>Optimal objective of the selection (see <see cref="AssociationOptions"/>).</summary>
    public double Objective { get; internal set; }

    /// <summary>Group g as one detection index per view (−1 = not seen in that view); length <see cref="ViewCount"/>.</summary>
    public ReadOnlySpan<int> Group(int g)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(g);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(g, GroupCount);
        return _groups.AsSpan(g * ViewCount, ViewCount);
    }

    /// <summary>The geometric cue z ∈ (0, 1] of group g.</summary>
    public double Cue(int g)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(g);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(g, GroupCount);
        return _cues[g];
    }

    /// <summary>The score-weighted mean squared reprojection error (px²) of group g's triangulation.</summary>
    public double ReprojectionError(int g)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(g);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(g, GroupCount);
        return _errors[g];
    }

    internal void Reset(int viewCount)
    {
        ViewCount = viewCount;
        GroupCount = 0;
        CandidateCount = 0;
        CompatiblePairCount = 0;
        Objective = 0;
    }

    internal void Add(ReadOnlySpan<int> perView, double cue, double error)
    {
        var g = GroupCount;
        if (_groups.Length < (g + 1) * ViewCount)
        {
            Array.Resize(ref _groups, Math.Max(_groups.Length * 2, (g + 1) * ViewCount));
        }

        if (_cues.Length <= g)
        {
            Array.Resize(ref _cues, _cues.Length * 2);
            Array.Resize(ref _errors, _errors.Length * 2);
        }

        perView.CopyTo(_groups.AsSpan(g * ViewCount, ViewCount));
        _cues[g] = cue;
        _errors[g] = error;
        GroupCount = g + 1;
    }
}
