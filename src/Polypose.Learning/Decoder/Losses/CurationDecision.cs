namespace Polypose.Learning.Decoder.Losses;

/// <summary>What label curation (dispose.md 5.1) does with one (view, person, joint) 2D pseudo-label.</summary>
public enum CurationDecision
{
    /// <summary>The 2D detection is confident and agrees with the reprojected pseudo-3D (error² ≤ 256 px²): kept.</summary>
    Keep,

    /// <summary>The pseudo-3D is usable but the detection is weak or disagrees: replaced by the 3D reprojection and the 3D score.</summary>
    Replace,

    /// <summary>Both are confident, the 3D reprojects out of bounds and they disagree: position and score set to 0.</summary>
    Zero,

    /// <summary>Anything else (e.g. a detection without pseudo-3D): left as it is.</summary>
    Leave,
}
