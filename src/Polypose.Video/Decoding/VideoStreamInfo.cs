namespace Polypose.Video.Decoding;

/// <summary>
/// The first video stream of a file as ffprobe describes it. <see cref="Width"/> × <see cref="Height"/> are the pixels of
/// a decoded frame after the display rotation is applied (a portrait phone video stored as 1920 × 1080 with a 90°
/// rotation reads as 1080 × 1920); <see cref="CodedWidth"/> × <see cref="CodedHeight"/> are as stored.
/// </summary>
/// <param name="Path">The video file.</param>
/// <param name="Codec">The codec name ffprobe gives ("h264", "vp9", ...).</param>
/// <param name="CodedWidth">Stored width in pixels.</param>
/// <param name="CodedHeight">Stored height in pixels.</param>
/// <param name="Rotation">Display rotation in degrees, counter-clockwise, normalised to 0, 90, 180 or 270.</param>
/// <param name="Rate">Frame rate.</param>
/// <param name="FrameCount">Number of frames in the stream.</param>
public sealed record VideoStreamInfo(string Path, string Codec, int CodedWidth, int CodedHeight, int Rotation, FrameRate Rate, int FrameCount)
{
    /// <summary>Width of a decoded, rotated frame in pixels.</summary>
    public int Width => Rotation is 90 or 270 ? CodedHeight : CodedWidth;

    /// <summary>Height of a decoded, rotated frame in pixels.</summary>
    public int Height => Rotation is 90 or 270 ? CodedWidth : CodedHeight;

    /// <summary>Bytes in one decoded RGB24 frame (<c>[Height, Width, 3]</c>, row-major).</summary>
    public int FrameBytes => checked(Width * Height * 3);
}
