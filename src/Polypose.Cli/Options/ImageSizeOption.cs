using System.CommandLine;
using Polypose.Formats.Calibration;

namespace Polypose.Cli.Options;

/// <summary>The <c>--image-size</c> option shared by the verbs that read calibrations (see <see cref="SharedOptions.ImageSize"/>).</summary>
internal static class ImageSizeOption
{
    /// <summary>Creates the option with its parse-time check.</summary>
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--image-size")
        {
            Description = "Image size for cameras whose calibration gives none (EasyMocap intri.yml without H_/W_, VoxelPose JSON): WxH for all, or NAME=WxH,NAME=WxH per camera. " +
                "Without it such a camera is assumed 2*cx x 2*cy from its principal point, with a warning. Used for in-image checks and drawing, and to de-normalise 4D Association detections.",
        };
        option.Validators.Add(result =>
        {
            try
            {
                ImageSizeSpec.Parse(result.GetValueOrDefault<string?>() ?? "");
            }
            catch (FormatException ex)
            {
                result.AddError(ex.Message);
            }
        });
        return option;
    }
}
