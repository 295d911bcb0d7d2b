namespace Polypose.Association;

/// <summary>
/// The selected multi-view person hypotheses of one frame, the output of an <see cref="ICrossViewAssigner"/>. Owned and
/// reused by the step that filled it (<see cref="Reset"/>, then <see cref="Add"/> per group): valid until that step's
/// next call. Detections left as singletons are not listed.
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
    public int CandidateCount { get; set; }

    /// <summary>Detection pairs (across views) that passed the two-view check.</summary>
    public int CompatiblePairCount { get; set; }

    /// <summary>Objective of the selection (see <see cref="AssociationOptions"/>); optimal when <see cref="IsOptimal"/>.</summary>
    public double Objective { get; set; }

    /// <summary>
    /// Whether the selection is proven optimal over the frame's candidates (the exact search finished within
    /// <see cref="AssociationOptions.SearchNodeBudget"/>). When false, <see cref="OptimalityGap"/> bounds how much
    /// better the optimum could be.
    /// </summary>
    public bool IsOptimal { get; set; } = true;

    /// <summary>A proven upper bound on the optimal objective (equal to <see cref="Objective"/> when <see cref="IsOptimal"/>).</summary>
    public double UpperBound { get; set; }

    /// <summary>UpperBound − Objective, ≥ 0, in objective units (0 when <see cref="IsOptimal"/>).</summary>
    public double OptimalityGap => IsOptimal ? 0 : Math.Max(0, UpperBound - Objective);

    /// <summary>Detections of this frame left out as near-duplicates of a higher-scored one in their view.</summary>
    public int DuplicateDetections { get; set; }

    /// <summary>Detections of this frame left out of association: near-duplicates plus those over the per-view limit.</summary>
    public int DetectionsLeftOut { get; set; }

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

    /// <summary>Empties the result for a frame of <paramref name="viewCount"/> views (counts, objective and bound back to 0, optimal).</summary>
    public void Reset(int viewCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(viewCount);
        ViewCount = viewCount;
        GroupCount = 0;
        CandidateCount = 0;
        CompatiblePairCount = 0;
        Objective = 0;
        IsOptimal = true;
        UpperBound = 0;
        DuplicateDetections = 0;
        DetectionsLeftOut = 0;
    }

    /// <summary>
    /// Appends a group: <paramref name="perView"/> holds one detection index per view (−1 = not seen there; length
    /// <see cref="ViewCount"/>), with its cue and reprojection error (px²).
    /// </summary>
    public void Add(ReadOnlySpan<int> perView, double cue, double error)
    {
        if (perView.Length != ViewCount)
        {
            throw new ArgumentException($"a group needs one entry per view ({ViewCount}), got {perView.Length}", nameof(perView));
        }

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
