namespace Polypose.Learning.Decoder.Losses;

/// <summary>The image bounds that label curation (dispose.md 5.1) tests reprojections against.</summary>
public enum CurationBounds
{
    /// <summary>Polypose's default: each camera's own image size (<c>Camera.Width × Camera.Height</c>).</summary>
    ImageSize,

    /// <summary>
    /// The reference's hard-coded rule (quirk 11.12, second bullet): 2048×1536 when the network input is 768 px wide,
    /// otherwise 1920×1080 for every dataset, so Shelf's (1032×776) and Campus's (360×288) checks are loose.
    /// </summary>
    Reference,
}
