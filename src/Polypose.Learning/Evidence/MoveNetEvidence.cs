using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Detection.MoveNet;
using Polypose.Tensors;

namespace Polypose.Learning.Evidence;

/// <summary>
/// Image evidence (learning.md 2): MoveNet MultiPose's dense outputs for one view (<see cref="MoveNetMaps"/>) as the
/// 15-joint Panoptic <see cref="ViewEvidence"/>, plus the heads' feature map. The heatmap grid is MoveNet's own
/// (input / 4); the affine maps original pixels to it through the letterbox: heatmap = (original · content scale +
/// content offset) / 4 − ½, per axis — heatmap sample i stands for the centre of its stride-4 cell, input coordinate
/// 4·i + 2 (continuous, 0 at the corner), which is where MoveNet's own decoding (cell index + regressed offset in
/// [0, 1)) puts a keypoint on average. The 13 joints COCO-17 shares with Panoptic-15 (nose, shoulders, elbows, wrists, hips,
/// knees, ankles) are MoveNet's keypoint heatmaps copied channel for channel. The two Panoptic joints COCO lacks are
/// derived from the decoded people with the rendered-evidence rule (<see cref="HeatmapRenderer"/>): neck = mean of the
/// shoulders, mid-hip (the root channel) = mean of the hips — of the detected hip where only one is present — each a
/// Gaussian (σ = 2 heatmap px) whose peak is the lower of the two keypoint scores.
/// </summary>
public static class MoveNetEvidence
{
    /// <summary>Builds one view's evidence and feature map <c>[C, H_hm, W_hm]</c> from MoveNet's maps and people.</summary>
    /// <param name="maps">MoveNet's dense outputs for the view.</param>
    /// <param name="people">The people MoveNet decoded from the same run (original pixels).</param>
    public static (ViewEvidence Evidence, Tensor Features) Create(MoveNetMaps maps, IReadOnlyList<DetectedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(people);
        var affine = Affine(maps.Letterbox);
        int h = maps.Height, w = maps.Width, plane = h * w;
        var persons = people.Select(p => new Person2D(KnownSkeletons.Coco17, [.. p.Keypoints.Select(k => new Keypoint2D(k.X, k.Y, k.Score))])).ToList();
        var derived = new HeatmapRenderer().Render(affine, persons).Heatmaps.Contiguous().ToArray();
        var heat = new float[ViewEvidence.JointCount * plane];
        var mapping = JointMapping.Create(KnownSkeletons.Coco17, KnownSkeletons.Panoptic15);
        for (var j = 0; j < ViewEvidence.JointCount; j++)
        {
            var source = mapping.Sources[j];
            if (source.IsMapped && !source.IsSynthesized)
            {
                for (var i = 0; i < plane; i++)
                {
                    heat[(j * plane) + i] = maps.Keypoints[(i * CocoKeypoint.Count) + source.First];
                }
            }
            else
            {
                Array.Copy(derived, j * plane, heat, j * plane, plane);
            }
        }

        var c = maps.FeatureChannels;
        var features = new float[c * plane];
        for (var i = 0; i < plane; i++)
        {
            for (var k = 0; k < c; k++)
            {
                features[(k * plane) + i] = maps.Features[(i * c) + k];
            }
        }

        return (ViewEvidence.FromHeatmaps(affine, Tensor.FromArray(heat, ViewEvidence.JointCount, h, w)), Tensor.FromArray(features, c, h, w));
    }

    /// <summary>The affine between original pixels and MoveNet's heatmap grid for a letterbox.</summary>
    public static ViewAffine Affine(Detection.MoveNet.Letterbox letterbox)
    {
        double sx = letterbox.ContentWidth / (double)letterbox.ImageWidth / MoveNetMaps.Stride;
        double sy = letterbox.ContentHeight / (double)letterbox.ImageHeight / MoveNetMaps.Stride;
        var forward = new ImageAffine(sx, 0, (letterbox.ContentX / (double)MoveNetMaps.Stride) - 0.5, 0, sy, (letterbox.ContentY / (double)MoveNetMaps.Stride) - 0.5);
        return new ViewAffine(letterbox.ImageWidth, letterbox.ImageHeight, letterbox.InputWidth / MoveNetMaps.Stride, letterbox.InputHeight / MoveNetMaps.Stride, forward, forward.Inverse());
    }
}
