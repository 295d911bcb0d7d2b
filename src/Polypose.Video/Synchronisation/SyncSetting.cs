using System.Globalization;

namespace Polypose.Video.Synchronisation;

/// <summary>
/// A parsed <c>--sync</c> value: <c>none</c>, <c>auto</c>, or fixed frame offsets either one per camera in camera order
/// (<c>0,3,-2</c>) or by camera name (<c>cam01=0,cam03=3</c>, unnamed cameras 0). Offsets may be negative; they are
/// made non-negative (shifted so the smallest is 0) by <see cref="OffsetsFor"/>, in the convention of
/// <see cref="Decoding.VideoSource.Offset"/>.
/// </summary>
public sealed record SyncSetting
{
    private const string Expected =
        "expected 'auto', 'none' or integer frame offsets, one per camera in order (0,3,-2) or by name (cam01=0,cam03=3)";

    private SyncSetting(SyncMode mode, IReadOnlyList<int>? ordered, IReadOnlyDictionary<string, int>? named)
    {
        Mode = mode;
        Ordered = ordered;
        Named = named;
    }

    /// <summary>No synchronisation: same index, same instant.</summary>
    public static SyncSetting None { get; } = new(SyncMode.None, null, null);

    /// <summary>Estimate the offsets from motion.</summary>
    public static SyncSetting Auto { get; } = new(SyncMode.Auto, null, null);

    /// <summary>The mode.</summary>
    public SyncMode Mode { get; }

    /// <summary>Fixed offsets in camera order, when given that way.</summary>
    public IReadOnlyList<int>? Ordered { get; }

    /// <summary>Fixed offsets by camera name, when given that way.</summary>
    public IReadOnlyDictionary<string, int>? Named { get; }

    /// <summary>Parses a <c>--sync</c> value; throws <see cref="FormatException"/> with a one-line message saying what is expected.</summary>
    public static SyncSetting Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        if (t.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }

        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(p => p.Length == 0))
        {
            throw Bad(text);
        }

        if (parts.All(p => p.Contains('=', StringComparison.Ordinal)))
        {
            var named = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in parts)
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                var name = p[..eq].Trim();
                if (name.Length == 0 || !TryInt(p[(eq + 1)..], out var v))
                {
                    throw Bad(text);
                }

                if (!named.TryAdd(name, v))
                {
                    throw new FormatException($"--sync: camera '{name}' is given twice in '{text}'");
                }
            }

            return new SyncSetting(SyncMode.Fixed, null, named);
        }

        var ordered = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryInt(parts[i], out ordered[i]))
            {
                throw Bad(text);
            }
        }

        return new SyncSetting(SyncMode.Fixed, ordered, null);
    }

    /// <summary>
    /// The fixed offsets for these cameras, shifted so that the smallest is 0. Zeros for <see cref="SyncMode.None"/>.
    /// Throws <see cref="FormatException"/> when the count or a name does not match the cameras, and
    /// <see cref="InvalidOperationException"/> for <see cref="SyncMode.Auto"/> (estimate them instead).
    /// </summary>
    public int[] OffsetsFor(IReadOnlyList<string> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        int[] raw;
        switch (Mode)
        {
            case SyncMode.None:
                return new int[cameras.Count];
            case SyncMode.Auto:
                throw new InvalidOperationException("--sync auto has no fixed offsets; estimate them with FrameOffsetEstimator");
            default:
                if (Ordered is { } o)
                {
                    if (o.Count != cameras.Count)
                    {
                        throw new FormatException($"--sync: {o.Count} offset(s) given for {cameras.Count} cameras ({string.Join(", ", cameras)})");
                    }

                    raw = [.. o];
                }
                else
                {
                    var unknown = Named!.Keys.Where(k => !cameras.Contains(k, StringComparer.Ordinal)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new FormatException($"--sync: no camera named {string.Join(", ", unknown)} (cameras: {string.Join(", ", cameras)})");
                    }

                    raw = [.. cameras.Select(c => Named.TryGetValue(c, out var v) ? v : 0)];
                }

                break;
        }

        var min = raw.Min();
        return [.. raw.Select(v => v - min)];
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static FormatException Bad(string text) => new($"--sync: {Expected}; got '{text}'");
}
