namespace Polypose.Detection.MoveNet;

/// <summary>
/// MoveNet MultiPose's dense outputs for one image, at its heatmap grid (stride <see cref="Stride"/>: heatmap pixel
/// (i, j) is the input cell [4·i, 4·i + 4) × [4·j, 4·j + 4) in continuous input coordinates with 0 at the input's
/// top-left corner; MoveNet decodes a keypoint as cell index + a regressed offset in [0, 1), times 4): the 17 COCO keypoint heatmaps (sigmoid, in [0, 1]) and the
/// feature map the heads read (the FPN's last stride-4 layer, after ReLU), both row-major NHWC without the batch axis,
/// plus the <see cref="MoveNet.Letterbox"/> that relates the input to the original image.
/// </summary>
/// <param name="Letterbox">Original image ↔ network input.</param>
/// <param name="Keypoints">Keypoint heatmaps <c>[Height, Width, 17]</c> (<see cref="CocoKeypoint"/> order).</param>
/// <param name="Features">Feature map <c>[Height, Width, FeatureChannels]</c>.</param>
/// <param name="FeatureChannels">Channels of <paramref name="Features"/>.</param>
public sealed record MoveNetMaps(Letterbox Letterbox, float[] Keypoints, float[] Features, int FeatureChannels)
{
    /// <summary>Input pixels per heatmap pixel.</summary>
    public const int Stride = 4;

    /// <summary>Gets the heatmap width (input width / 4).</summary>
    public int Width => Letterbox.InputWidth / Stride;

    /// <summary>Gets the heatmap height (input height / 4).</summary>
    public int Height => Letterbox.InputHeight / Stride;
}
