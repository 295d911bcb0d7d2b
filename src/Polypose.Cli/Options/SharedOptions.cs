using System.CommandLine;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Cli.Options;

/// <summary>
/// The options several verbs share, declared once: name, alias, type, default and the range check that runs while the
/// command line is parsed (a bad value is one "error: ..." line and exit code 2 before any file is read). Each verb
/// passes its own description, so its help reads in its own terms.
/// </summary>
internal static class SharedOptions
{
    /// <summary>The most worker threads <c>--threads</c> accepts.</summary>
    public const int MaxThreads = 1024;

    /// <summary><c>--threads/-j</c>: worker threads, 1–<see cref="MaxThreads"/> (default: all cores).</summary>
    public static Option<int> Threads(string description) =>
        InRange(new Option<int>("--threads", "-j") { Description = description, DefaultValueFactory = _ => Environment.ProcessorCount }, 1, MaxThreads);

    /// <summary>
    /// <c>--first-frame</c>: the frame number of the first frame of formats without frame numbers (default 0), bounded
    /// by <see cref="DetectionSourceOptions.MaxFirstFrameIndex"/> so that every later frame number fits.
    /// </summary>
    public static Option<int> FirstFrame(string description) =>
        InRange(new Option<int>("--first-frame") { Description = description, DefaultValueFactory = _ => 0 }, 0, DetectionSourceOptions.MaxFirstFrameIndex);

    /// <summary><c>--calib/-c</c>: a calibration file or folder (required unless a verb says otherwise; the format is detected from the content).</summary>
    public static Option<string> Calibration(string description, bool required = true) =>
        new("--calib", "-c") { Description = description, Required = required };

    /// <summary>
    /// <c>--image-size</c>: image sizes for cameras whose calibration gives none, <c>WxH</c> for all or
    /// <c>NAME=WxH,...</c> per camera, checked by <see cref="ImageSizeSpec.Parse"/> while the command line is parsed.
    /// </summary>
    public static Option<string?> ImageSize() => ImageSizeOption.Create();

    /// <summary>The parsed <c>--image-size</c> value, or null when not given.</summary>
    public static ImageSizeSpec? ImageSizeValue(System.CommandLine.ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? ImageSizeSpec.Parse(text) : null;

    /// <summary><c>--json</c>: print one JSON document instead of tables.</summary>
    public static Option<bool> Json(string description) => new("--json") { Description = description };

    /// <summary>
    /// The switches of every long-running verb (<see cref="Options.Feedback"/>): <c>--progress</c> (a progress bar even
    /// when standard error is not a terminal), <c>--quiet/-q</c> (nothing but errors) and <c>--json</c> (a JSON summary
    /// on standard output; <paramref name="jsonDescription"/> says what it holds).
    /// </summary>
    public static (Option<bool> Progress, Option<bool> Quiet, Option<bool> Json) Feedback(string jsonDescription) =>
        (new Option<bool>("--progress") { Description = "Show a progress bar even when standard error is not a terminal (it is shown on a terminal by default)." },
         new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors (no progress bar, no summary)." },
         Json(jsonDescription));

    /// <summary><c>--rig/-r</c>: a synthetic camera rig KIND:COUNT (default ring:5), checked by <see cref="RigSpec.Parse"/>.</summary>
    public static Option<string> Rig(string description)
    {
        var option = new Option<string>("--rig", "-r") { Description = description, DefaultValueFactory = _ => "ring:5" };
        option.Validators.Add(result =>
        {
            try
            {
                RigSpec.Parse(result.GetValueOrDefault<string>() ?? "");
            }
            catch (FormatException ex)
            {
                result.AddError(ex.Message);
            }
        });
        return option;
    }

    /// <summary><c>--people/-n</c>: people in a synthetic scene, 1–<see cref="SceneOptions.MaxPeople"/> (default 4).</summary>
    public static Option<int> People(string description) =>
        InRange(new Option<int>("--people", "-n") { Description = description, DefaultValueFactory = _ => 4 }, 1, SceneOptions.MaxPeople);

    /// <summary><c>--frames/-f</c>: frames of a synthetic scene, 1–<see cref="SceneOptions.MaxFrames"/> (default 300).</summary>
    public static Option<int> Frames(string description) =>
        InRange(new Option<int>("--frames", "-f") { Description = description, DefaultValueFactory = _ => 300 }, 1, SceneOptions.MaxFrames);

    /// <summary><c>--seed/-s</c>: the seed of every random choice (default 7).</summary>
    public static Option<int> Seed(string description) =>
        new("--seed", "-s") { Description = description, DefaultValueFactory = _ => 7 };

    private static Option<int> InRange(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} must be {min}-{max}, got {value}");
            }
        });
        return option;
    }
}
