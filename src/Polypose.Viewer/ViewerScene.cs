using Polypose.Core.Poses;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;

namespace Polypose.Viewer;

/// <summary>
/// What <c>polypose serve</c> shows: 3D poses (world millimetres, z-up), optionally the calibrated cameras they were
/// seen by (world-to-camera, mm) and the per-view 2D detections (pixels, distorted image) keyed by frame number.
/// Everything the server sends is derived from these objects; it never reads files on request.
/// </summary>
public sealed class ViewerScene
{
    private readonly Dictionary<int, int> detectionIndexByFrame = [];
    private readonly Dictionary<int, int> poseIndexByFrame = [];

    /// <summary>
    /// Creates the scene. <paramref name="detections"/> views must be in <paramref name="rig"/> order and need a rig;
    /// <paramref name="fps"/> is the playback rate in frames per second (0.1–1000).
    /// </summary>
    /// <exception cref="ArgumentException">Detections without a rig, a view count that does not match the rig, a repeated frame number or a bad rate.</exception>
    public ViewerScene(Poses3DDocument poses, CameraRig? rig = null, IReadOnlyList<MultiViewFrame>? detections = null, double fps = 30)
    {
        ArgumentNullException.ThrowIfNull(poses);
        if (!(fps >= 0.1 && fps <= 1000))
        {
            throw new ArgumentException($"frame rate must be 0.1-1000 fps, got {fps}", nameof(fps));
        }

        if (detections is not null && rig is null)
        {
            throw new ArgumentException("2D detections need the calibration of their cameras", nameof(detections));
        }

        for (var i = 0; i < poses.Frames.Count; i++)
        {
            if (!poseIndexByFrame.TryAdd(poses.Frames[i].FrameIndex, i))
            {
                throw new ArgumentException($"frame {poses.Frames[i].FrameIndex} appears twice in the poses", nameof(poses));
            }
        }

        if (detections is not null)
        {
            for (var i = 0; i < detections.Count; i++)
            {
                if (detections[i].ViewCount != rig!.Count)
                {
                    throw new ArgumentException($"detection frame {detections[i].FrameIndex} has {detections[i].ViewCount} views for {rig.Count} cameras", nameof(detections));
                }

                detectionIndexByFrame.TryAdd(detections[i].FrameIndex, i);
            }
        }

        Poses = poses;
        Rig = rig;
        Detections = detections;
        Fps = fps;
    }

    /// <summary>The 3D poses, frames in file order.</summary>
    public Poses3DDocument Poses { get; }

    /// <summary>The cameras (view order), or null when no calibration was given.</summary>
    public CameraRig? Rig { get; }

    /// <summary>The 2D detections per frame (views in <see cref="Rig"/> order), or null.</summary>
    public IReadOnlyList<MultiViewFrame>? Detections { get; }

    /// <summary>Playback rate, frames per second.</summary>
    public double Fps { get; }

    /// <summary>The pose frame with this frame number, or null.</summary>
    public Frame3D? PoseFrame(int frameNumber) => poseIndexByFrame.TryGetValue(frameNumber, out var i) ? Poses.Frames[i] : null;

    /// <summary>The detections of this frame number, or null.</summary>
    public MultiViewFrame? DetectionFrame(int frameNumber) =>
        Detections is not null && detectionIndexByFrame.TryGetValue(frameNumber, out var i) ? Detections[i] : null;
}
