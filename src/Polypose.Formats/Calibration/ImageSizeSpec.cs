using System.Globalization;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Image sizes given by the user for cameras whose calibration carries none: one size for all cameras
/// (<c>1032x776</c>), sizes per camera (<c>cam1=1920x1080,cam2=1280x720</c>) or both (<c>1920x1080,cam2=1280x720</c>:
/// the bare size serves the cameras not named). Pixels, width × height.
/// </summary>
public sealed record ImageSizeSpec
{
    private ImageSizeSpec(ImageSize? all, IReadOnlyDictionary<string, ImageSize> perCamera)
    {
        All = all;
        PerCamera = perCamera;
    }

    /// <summary>The size for every camera not named in <see cref="PerCamera"/>, when given.</summary>
    public ImageSize? All { get; }

    /// <summary>Sizes by camera name (ordinal names).</summary>
    public IReadOnlyDictionary<string, ImageSize> PerCamera { get; }

    /// <summary>
    /// Parses "WxH", "NAME=WxH" and comma-separated lists of them; throws <see cref="FormatException"/> with one line
    /// saying which part is wrong (sides must be whole numbers 1 to <see cref="InputRanges.MaxImageSide"/>).
    /// </summary>
    public static ImageSizeSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ImageSize? all = null;
        var perCamera = new Dictionary<string, ImageSize>(StringComparer.Ordinal);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            var eq = part.LastIndexOf('=');
            var name = eq >= 0 ? part[..eq].Trim() : null;
            var size = ParseSize(eq >= 0 ? part[(eq + 1)..].Trim() : part, part);
            if (name is null)
            {
                all = all is null ? size : throw new FormatException($"--image-size gives a size for all cameras twice ('{all}' and '{part}'); name the cameras: NAME=WxH");
            }
            else if (name.Length == 0)
            {
                throw new FormatException($"--image-size: '{part}' has no camera name before '='");
            }
            else if (!perCamera.TryAdd(name, size))
            {
                throw new FormatException($"--image-size names camera '{name}' twice");
            }
        }

        return new ImageSizeSpec(all, perCamera);
    }

    /// <summary>The calibration read options that apply these sizes (and derive any other missing size from the principal point when asked).</summary>
    public CalibrationReadOptions ToReadOptions(bool fromPrincipalPoint) => new()
    {
        DefaultImageSize = All,
        ImageSizes = PerCamera,
        ImageSizeFromPrincipalPoint = fromPrincipalPoint,
    };

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(",", (All is { } a ? [a.ToString()] : Array.Empty<string>()).Concat(PerCamera.Select(p => $"{p.Key}={p.Value}")));

    private static ImageSize ParseSize(string size, string part)
    {
        var x = size.IndexOfAny(['x', 'X']);
        if (x <= 0
            || !int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(size.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            throw new FormatException($"--image-size: expected WxH or NAME=WxH in pixels (e.g. 1920x1080 or cam1=1920x1080), got '{part}'");
        }

        if (w < 1 || h < 1 || w > InputRanges.MaxImageSide || h > InputRanges.MaxImageSide)
        {
            throw new FormatException($"--image-size: each side must be 1-{InputRanges.MaxImageSide} pixels, got '{part}'");
        }

        return new ImageSize(w, h);
    }
}
