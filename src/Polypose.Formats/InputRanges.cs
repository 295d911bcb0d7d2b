namespace Polypose.Formats;

/// <summary>
/// The plausible range of every number the readers take in (documented in docs/input-ranges.md). A value outside its
/// range cannot come from a real camera, detector or motion-capture system, so the readers reject it with the file and
/// the field's place instead of letting it reach the solvers. The bounds are deliberately loose: they catch overflow,
/// unit and sign mistakes and corrupted files, not unusual but real set-ups.
/// </summary>
public static class InputRanges
{
    /// <summary>Smallest focal length fx, fy accepted, in pixels.</summary>
    public const double MinFocalPixels = 1;

    /// <summary>Largest focal length fx, fy accepted, in pixels (a 100 000-pixel-wide sensor behind a 10° lens is ~6e5).</summary>
    public const double MaxFocalPixels = 1e6;

    /// <summary>Largest |cx|, |cy| and |skew| accepted, in pixels.</summary>
    public const double MaxPrincipalPointPixels = 1e6;

    /// <summary>Largest image width or height accepted, in pixels.</summary>
    public const int MaxImageSide = 100_000;

    /// <summary>Largest |t| component (and camera centre coordinate) accepted, in millimetres (100 km).</summary>
    public const double MaxTranslationMillimetres = 1e8;

    /// <summary>Largest |k1..k6| (radial and rational distortion) accepted.</summary>
    public const double MaxRadialDistortion = 1e4;

    /// <summary>Largest |p1|, |p2| (tangential distortion) accepted.</summary>
    public const double MaxTangentialDistortion = 100;

    /// <summary>The distortion vector lengths OpenCV defines (k1, k2, p1, p2[, k3[, k4, k5, k6[, s1..s4[, τx, τy]]]]); 0 = none.</summary>
    public static IReadOnlyList<int> OpenCvDistortionLengths { get; } = [0, 4, 5, 8, 12, 14];

    /// <summary>Largest |x|, |y| of a 2D keypoint or candidate accepted, in pixels (ten times the largest image side).</summary>
    public const double MaxKeypointPixels = 1e6;

    /// <summary>Largest detection score accepted (scores are nominally in [0, 1]; heatmap and SimCC peaks may exceed 1).</summary>
    public const double MaxScore = 100;

    /// <summary>Normalised 4D Association candidate coordinates must lie in [−<see cref="MaxNormalisedOutside"/>, 1 + it].</summary>
    public const double MaxNormalisedOutside = 1;

    /// <summary>Largest |PAF value| accepted (a part affinity is a mean dot product with a unit-length field, nominally [0, 1]).</summary>
    public const double MaxPafMagnitude = 2;

    /// <summary>Largest |coordinate| of a 3D point (ground truth or prediction) accepted, in millimetres (100 km).</summary>
    public const double MaxPointMillimetres = 1e8;

    /// <summary>Whether |value| is at most <paramref name="limit"/> (false for NaN).</summary>
    public static bool Within(double value, double limit) => Math.Abs(value) <= limit;

    /// <summary>Whether a distortion vector length is one OpenCV defines.</summary>
    public static bool IsOpenCvDistortionLength(int length) => length is 0 or 4 or 5 or 8 or 12 or 14;
}
