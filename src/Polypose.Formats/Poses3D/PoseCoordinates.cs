using System.Globalization;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// The plausible range of a 3D joint coordinate read from a pose or ground-truth file: within ±100 km of the world
/// origin (<see cref="InputRanges.MaxPointMillimetres"/>, the one documented range in docs/input-ranges.md). Anything farther is a corrupt number (1e308) rather than a person, and is refused with its place.
/// </summary>
public static class PoseCoordinates
{
    /// <summary>The largest absolute coordinate accepted, millimetres.</summary>
    public const double MaxAbsMillimetres = InputRanges.MaxPointMillimetres;

    /// <summary>Refuses a coordinate outside ±<see cref="MaxAbsMillimetres"/> (or not finite), naming the file and place.</summary>
    public static double Check(double value, string file, string place) =>
        Math.Abs(value) <= MaxAbsMillimetres
            ? value
            : throw new PolyposeFormatException(file, string.Create(CultureInfo.InvariantCulture, $"expected a coordinate within ±{MaxAbsMillimetres:0} mm but got {value:R}"), place: place);
}
