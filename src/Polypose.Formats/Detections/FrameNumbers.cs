using System.Globalization;

namespace Polypose.Formats.Detections;

/// <summary>
/// The frame-number rule for per-frame file names and COCO image names: take the file name without folders and
/// extension, drop a trailing <c>_keypoints</c>, and read the LAST run of ASCII digits as the frame index
/// (<c>cam01_000123_keypoints.json</c> → 123, <c>img_000300.png</c> → 300, <c>00_03_00000168.jpg</c> → 168).
/// </summary>
public static class FrameNumbers
{
    /// <summary>Applies the rule; false when the name holds no digits or the number does not fit an <see cref="int"/>.</summary>
    public static bool TryParse(string fileName, out int frame)
    {
        frame = -1;
        var stem = Path.GetFileNameWithoutExtension(fileName.AsSpan());
        if (stem.EndsWith("_keypoints", StringComparison.OrdinalIgnoreCase))
        {
            stem = stem[..^"_keypoints".Length];
        }

        var end = stem.Length;
        while (end > 0 && !char.IsAsciiDigit(stem[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(stem[start - 1]))
        {
            start--;
        }

        return start < end && int.TryParse(stem[start..end], NumberStyles.None, CultureInfo.InvariantCulture, out frame);
    }
}
