namespace Polypose.Video.Decoding;

/// <summary>One camera's video in a synchronised set.</summary>
/// <param name="Camera">The camera name (as in the calibration).</param>
/// <param name="Path">The video file.</param>
/// <param name="Offset">Frames to drop at the start of this video so that frame i of the set is frame i + Offset here (≥ 0).</param>
public sealed record VideoSource(string Camera, string Path, int Offset = 0);
