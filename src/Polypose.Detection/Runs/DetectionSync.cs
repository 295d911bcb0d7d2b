using Polypose.Core.Poses;
using Polypose.Video.Synchronisation;

namespace Polypose.Detection.Runs;

/// <summary>
/// Puts per-camera detections on one time line: estimates frame offsets from the people's motion
/// (<see cref="FrameOffsetEstimator"/>) and assembles the synchronised multi-view frames the reconstructor takes.
/// </summary>
public static class DetectionSync
{
    /// <summary>
    /// One keypoint track per camera for <see cref="FrameOffsetEstimator"/>: at every frame (0 to the camera's last frame
    /// number) the most prominent person, i.e. the one with the largest mean keypoint score × keypoint-box height (the
    /// person nearest and best seen; used only to time the motion).
    /// </summary>
    /// <param name="cameras">Detections per camera, frame numbers from 0.</param>
    public static IReadOnlyList<KeypointTrack> Tracks(IReadOnlyList<CameraDetections> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var joints = cameras.SelectMany(c => c.Frames.Values).SelectMany(p => p).Select(p => p.Joints.Length).FirstOrDefault(17);
        return [.. cameras.Select(c =>
        {
            var length = c.Frames.Count == 0 ? 0 : c.Frames.Keys.Max() + 1;
            var perFrame = new Person2D?[length];
            foreach (var (frame, people) in c.Frames)
            {
                perFrame[frame] = people.MaxBy(Prominence);
            }

            return KeypointTrack.FromPeople(perFrame, joints);
        })];
    }

    /// <summary>
    /// The synchronised frames: frame i holds camera c's people of its frame i + <paramref name="offsets"/>[c], for i
    /// from 0 while every camera still has frames (the common range). Views are in the order of <paramref name="cameras"/>.
    /// </summary>
    /// <param name="cameras">Detections per camera (frame numbers from 0).</param>
    /// <param name="offsets">Per camera, frames to drop at its start (≥ 0).</param>
    public static IReadOnlyList<MultiViewFrame> Synchronise(IReadOnlyList<CameraDetections> cameras, IReadOnlyList<int> offsets)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Count != cameras.Count || offsets.Any(o => o < 0))
        {
            throw new ArgumentException("one non-negative offset per camera", nameof(offsets));
        }

        var length = cameras.Count == 0 ? 0 : cameras.Select((c, i) => (c.Frames.Count == 0 ? 0 : c.Frames.Keys.Max() + 1) - offsets[i]).Min();
        var frames = new List<MultiViewFrame>(Math.Max(0, length));
        for (var f = 0; f < length; f++)
        {
            frames.Add(new MultiViewFrame(f, [.. cameras.Select((c, i) => c.At(f + offsets[i]))]));
        }

        return frames;
    }

    /// <summary>
    /// The frames of footage whose instants are already common (image folders, or videos read with their offsets): frame
    /// numbers of the first camera's detections, views in camera order.
    /// </summary>
    /// <param name="cameras">Detections per camera, keyed by the shared frame numbers.</param>
    public static IReadOnlyList<MultiViewFrame> AsRead(IReadOnlyList<CameraDetections> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var numbers = cameras.SelectMany(c => c.Frames.Keys).Distinct().Order().ToList();
        return [.. numbers.Select(n => new MultiViewFrame(n, [.. cameras.Select(c => c.At(n))]))];
    }

    private static double Prominence(Person2D person)
    {
        var present = person.Joints.Where(j => j.IsPresent).ToList();
        return present.Count < 2 ? 0 : person.MeanScore * (present.Max(j => j.Y) - present.Min(j => j.Y));
    }
}
