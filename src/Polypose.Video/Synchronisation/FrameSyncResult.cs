namespace Polypose.Video.Synchronisation;

/// <summary>
/// Estimated frame offsets, in the convention of <see cref="Decoding.VideoSource.Offset"/>: synchronised frame i is frame
/// i + Offsets[c] of camera c; the smallest offset is 0.
/// </summary>
/// <param name="Offsets">Per camera, frames to drop at its start (≥ 0).</param>
/// <param name="Correlation">Per camera, the mean normalised speed correlation with the reference at the chosen offset (1 for the reference).</param>
/// <param name="Margin">Per camera, how far the chosen offset's correlation exceeds the best one at least 3 frames away (∞ for the reference); small margins mean an unreliable estimate.</param>
/// <param name="Reference">The camera the others were matched to.</param>
public sealed record FrameSyncResult(int[] Offsets, double[] Correlation, double[] Margin, int Reference);
