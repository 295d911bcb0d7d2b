using System.Globalization;
using Polypose.Formats;
using Polypose.Formats.Poses3D;

namespace Polypose.Export.Exporters;

/// <summary>
/// Loads a Polypose 3D pose file as a <see cref="PoseSequence"/> and settles its frame rate: an optional top-level
/// <c>"fps"</c> number in the file, or the caller's value; both given and different is an error (a frame-rate mismatch).
/// </summary>
public static class PoseSequenceReader
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="fps"/> is the rate asked for on the command line, if any.</summary>
    /// <exception cref="PolyposeFormatException">Unreadable file, no frame rate, a mismatching one, or an unusable sequence.</exception>
    public static PoseSequence Load(string path, double? fps)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (fps is { } asked && !(asked > 0 && asked <= 100_000 && double.IsFinite(asked)))
        {
            throw new PolyposeFormatException(path, $"--fps must be a frame rate in (0, 100000] but got {asked.ToString(CultureInfo.InvariantCulture)}");
        }

        var document = Poses3DJson.Read(path);
        var inFile = document.FrameRate;
        if (inFile is > 100_000)
        {
            throw new PolyposeFormatException(path, $"expected a frame rate in (0, 100000] but got {inFile.Value.ToString(CultureInfo.InvariantCulture)}", place: "fps");
        }

        double rate;
        if (inFile is { } fileRate && fps is { } cli)
        {
            if (Math.Abs(fileRate - cli) > 1e-9 * Math.Max(fileRate, cli))
            {
                throw new PolyposeFormatException(path, $"frame-rate mismatch: the file says {fileRate.ToString(CultureInfo.InvariantCulture)} fps but --fps is {cli.ToString(CultureInfo.InvariantCulture)}", place: "fps");
            }

            rate = fileRate;
        }
        else
        {
            rate = inFile ?? fps ?? throw new PolyposeFormatException(path, "the file has no \"fps\" field: give the frame rate with --fps (e.g. --fps 30)");
        }

        return PoseSequence.From(document, rate, path);
    }
}
