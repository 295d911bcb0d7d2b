using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Learning.Training;

/// <summary>
/// One recording of an <see cref="EvaluationSet"/>: cameras (world-to-camera, mm, world z-up), per-frame 2D detections
/// (pixels), the 3D ground truth of the same frames (mm; read by evaluation only, never by training) and, where known,
/// the true person id of every detection.
/// </summary>
/// <param name="Name">What the scene is (rig, seed, sequence).</param>
/// <param name="Cameras">The cameras in view order.</param>
/// <param name="Frames">The detections, <c>Frames[i].Views[v]</c> = persons seen by camera v.</param>
/// <param name="GroundTruth">Ground truth per frame, same frame numbers as <paramref name="Frames"/>.</param>
/// <param name="Identities">
/// <c>Identities[i][v][d]</c> = true person id of detection d of view v in frame i (−1 = distractor), or null when
/// unknown (real detections).
/// </param>
/// <param name="Paf">The bottom-up evidence behind <paramref name="Frames"/> (4D Association input), or null.</param>
public sealed record EvaluationScene(
    string Name,
    IReadOnlyList<Camera> Cameras,
    IReadOnlyList<MultiViewFrame> Frames,
    IReadOnlyList<Frame3D> GroundTruth,
    IReadOnlyList<IReadOnlyList<int[]>>? Identities,
    IReadOnlyList<IReadOnlyList<PafFrame>>? Paf = null)
{
    /// <summary>The first <paramref name="count"/> frames only (everything else unchanged); the scene itself when it is no longer.</summary>
    public EvaluationScene Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count >= Frames.Count)
        {
            return this;
        }

        var kept = Frames.Take(count).Select(f => f.FrameIndex).ToHashSet();
        return this with
        {
            Frames = [.. Frames.Take(count)],
            GroundTruth = [.. GroundTruth.Where(g => kept.Contains(g.FrameIndex))],
            Identities = Identities is null ? null : [.. Identities.Take(count)],
            Paf = Paf is null ? null : [.. Paf.Take(count)],
        };
    }
}
