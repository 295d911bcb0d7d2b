using Polypose.Core.Options;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Options for reading calibrations. The defaults read every camera and require an image size in the file. Every setting
/// is checked when set (an invalid CalibrationReadOptions cannot be built). For a camera whose file gives no size the
/// order is: <see cref="ImageSizes"/>, then <see cref="DefaultImageSize"/>, then (when set)
/// <see cref="ImageSizeFromPrincipalPoint"/>; a size in the file always wins. Image sizes serve in-image checks and
/// drawing, and de-normalise 4D Association detections (docs/input-ranges.md, "Image size").
/// </summary>
public sealed record CalibrationReadOptions
{
    /// <summary>The default options.</summary>
    public static CalibrationReadOptions Default { get; } = new();

    /// <summary>
    /// The image size to use for formats or cameras whose file carries none (VoxelPose JSON always; EasyMocap intri.yml
    /// without H_/W_; 4D Association without imgSize). Use <see cref="ImageSize.Shelf"/> (1032 × 776) or
    /// <see cref="ImageSize.Campus"/> (360 × 288) for the VoxelPose files. When null and the file has no size, reading
    /// fails with a <see cref="PolyposeFormatException"/> rather than guessing. Both sides must be ≥ 1 pixel.
    /// </summary>
    public ImageSize? DefaultImageSize { get; init => field = value is { } size ? CheckSize(size) : null; }

    /// <summary>
    /// Image sizes by camera name, for cameras whose file carries none (names must not be empty; sides 1 to
    /// <see cref="InputRanges.MaxImageSide"/>). Names not in the file are ignored here (the caller checks them).
    /// </summary>
    public IReadOnlyDictionary<string, ImageSize>? ImageSizes { get; init => field = value is null ? null : CheckSizes(value); }

    /// <summary>
    /// When a camera has no size from the file or from the options above, take 2·cx × 2·cy from its principal point
    /// (rounded) instead of failing; the cameras sized so are listed in <see cref="CameraRig.ImageSizesFromPrincipalPoint"/>
    /// so that the caller can warn. Off by default.
    /// </summary>
    public bool ImageSizeFromPrincipalPoint { get; init; }

    /// <summary>
    /// Keep only these cameras, in this order (null keeps all, in file order; names must not be empty). Names missing
    /// from the file are an error when it is read.
    /// </summary>
    public IReadOnlyList<string>? Cameras { get; init => field = value is null ? null : CheckNames(value); }

    /// <summary>CMU Panoptic only: keep only the cameras whose type is "hd" (the 31 1920 × 1080 cameras 00_00..00_30).</summary>
    public bool PanopticHdOnly { get; init; }

    private static ImageSize CheckSize(ImageSize size, string name = nameof(DefaultImageSize))
    {
        OptionCheck.InRange(size.Width, 1, InputRanges.MaxImageSide, name + ".Width");
        OptionCheck.InRange(size.Height, 1, InputRanges.MaxImageSide, name + ".Height");
        return size;
    }

    private static IReadOnlyDictionary<string, ImageSize> CheckSizes(IReadOnlyDictionary<string, ImageSize> sizes)
    {
        foreach (var (name, size) in sizes)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(ImageSizes));
            CheckSize(size, $"{nameof(ImageSizes)}[{name}]");
        }

        return sizes;
    }

    private static IReadOnlyList<string> CheckNames(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(names[i], $"{nameof(Cameras)}[{i}]");
        }

        return names;
    }
}
