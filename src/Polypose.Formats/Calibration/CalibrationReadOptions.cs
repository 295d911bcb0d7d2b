namespace Polypose.Formats.Calibration;

/// <summary>Options for reading calibrations. The defaults read every camera and require an image size in the file.</summary>
public sealed record CalibrationReadOptions
{
    /// <summary>The default options.</summary>
    public static CalibrationReadOptions Default { get; } = new();

    /// <summary>
    /// The image size to use for formats or cameras whose file carries none (VoxelPose JSON always; EasyMocap intri.yml
    /// without H_/W_; 4D Association without imgSize). Use <see cref="ImageSize.Shelf"/> (1032 × 776) or
    /// <see cref="ImageSize.Campus"/> (360 × 288) for the VoxelPose files. When null and the file has no size, reading
    /// fails with a <see cref="PolyposeFormatException"/> rather than guessing.
    /// </summary>
    public ImageSize? DefaultImageSize { get; init; }

    /// <summary>Keep only these cameras, in this order (null keeps all, in file order). Missing names are an error.</summary>
    public IReadOnlyList<string>? Cameras { get; init; }

    /// <summary>CMU Panoptic only: keep only the cameras whose type is "hd" (the 31 1920 × 1080 cameras 00_00..00_30).</summary>
    public bool PanopticHdOnly { get; init; }
}
