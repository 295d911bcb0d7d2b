using Polypose.Core.Poses;

namespace Polypose.Evaluation.Summary;

/// <summary>
/// How the frames of a prediction set and a ground truth pair up by frame number: how many each has and how many
/// frame numbers both have. Evaluation scores ground-truth frames only, so predictions outside them are not scored and
/// ground-truth frames without a prediction count as empty predictions.
/// </summary>
/// <param name="PredictionFrames">Frames in the predictions.</param>
/// <param name="GroundTruthFrames">Frames in the ground truth.</param>
/// <param name="Matched">Frame numbers present in both.</param>
/// <param name="PredictionFirst">Smallest prediction frame number (null when there are none).</param>
/// <param name="PredictionLast">Largest prediction frame number (null when there are none).</param>
/// <param name="GroundTruthFirst">Smallest ground-truth frame number (null when there are none).</param>
/// <param name="GroundTruthLast">Largest ground-truth frame number (null when there are none).</param>
public sealed record FrameMatch(int PredictionFrames, int GroundTruthFrames, int Matched, int? PredictionFirst, int? PredictionLast, int? GroundTruthFirst, int? GroundTruthLast)
{
    /// <summary>
    /// Pairs the frames; throws <see cref="ArgumentException"/> when a frame number appears twice in either set (which
    /// frame would be scored is then a guess).
    /// </summary>
    public static FrameMatch Of(IReadOnlyList<Frame3D> predictions, IReadOnlyList<Frame3D> groundTruth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(groundTruth);
        var pred = Distinct(predictions, nameof(predictions));
        var gt = Distinct(groundTruth, nameof(groundTruth));
        var matched = gt.Count(pred.Contains);
        return new FrameMatch(
            pred.Count,
            gt.Count,
            matched,
            pred.Count > 0 ? pred.Min() : null,
            pred.Count > 0 ? pred.Max() : null,
            gt.Count > 0 ? gt.Min() : null,
            gt.Count > 0 ? gt.Max() : null);
    }

    /// <summary>The share of ground-truth frames that have a prediction frame (0 when there is no ground truth).</summary>
    public double GroundTruthCoverage => GroundTruthFrames == 0 ? 0 : (double)Matched / GroundTruthFrames;

    private static HashSet<int> Distinct(IReadOnlyList<Frame3D> frames, string name)
    {
        var seen = new HashSet<int>();
        foreach (var f in frames)
        {
            if (!seen.Add(f.FrameIndex))
            {
                throw new ArgumentException($"frame {f.FrameIndex} appears more than once", name);
            }
        }

        return seen;
    }
}
