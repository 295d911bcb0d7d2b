namespace Polypose.Learning.Training;

/// <summary>The training-time jitter of root candidate positions (DisPOSE 1.2, reference quirk 11.5).</summary>
public enum CandidateNoise
{
    /// <summary>Polypose's default: uniform in (−W_hm/60, W_hm/60) heatmap pixels on x and y, zero mean.</summary>
    Unbiased,

    /// <summary>The reference: uniform in [0, W_hm/30) on +x and +y only, a biased shift.</summary>
    Reference,
}
