using System.Globalization;

namespace Polypose.Synthesis.Rigs;

/// <summary>A rig request: its kind and camera count (2–10). Text form "kind:count", e.g. "ring:5" (count defaults to 5).</summary>
public sealed record RigSpec
{
    /// <summary>Smallest camera count.</summary>
    public const int MinCameras = 2;

    /// <summary>Largest camera count.</summary>
    public const int MaxCameras = 10;

    /// <summary>Creates a spec; throws <see cref="ArgumentOutOfRangeException"/> when the count is outside 2–10.</summary>
    public RigSpec(RigKind kind, int cameras)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown rig kind; known: {KnownKinds}");
        }

        if (cameras is < MinCameras or > MaxCameras)
        {
            throw new ArgumentOutOfRangeException(nameof(cameras), cameras, $"a rig has {MinCameras}-{MaxCameras} cameras");
        }

        Kind = kind;
        Cameras = cameras;
    }

    /// <summary>The arrangement.</summary>
    public RigKind Kind { get; }

    /// <summary>Number of cameras.</summary>
    public int Cameras { get; }

    /// <summary>The kinds in their text form, comma-separated.</summary>
    public static string KnownKinds => string.Join(", ", Enum.GetNames<RigKind>().Select(n => n.ToLowerInvariant()));

    /// <summary>Parses "kind[:count]" (case-insensitive); throws <see cref="FormatException"/> listing the kinds when malformed.</summary>
    public static RigSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length > 2 || parts[0].Length == 0)
        {
            throw new FormatException($"rig '{text}': expected KIND[:COUNT] with KIND one of {KnownKinds} and COUNT {MinCameras}-{MaxCameras}, e.g. ring:5");
        }

        if (!Enum.TryParse<RigKind>(parts[0], ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"rig '{text}': unknown kind '{parts[0]}'; expected one of {KnownKinds}");
        }

        var count = 5;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < MinCameras || count > MaxCameras))
        {
            throw new FormatException($"rig '{text}': camera count '{parts[1]}' must be an integer from {MinCameras} to {MaxCameras}");
        }

        return new RigSpec(kind, count);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToLowerInvariant()}:{Cameras}");
}
