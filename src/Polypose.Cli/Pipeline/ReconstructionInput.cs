using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evidence;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;

namespace Polypose.Cli.Pipeline;

/// <summary>
/// Calibrated cameras plus every frame's per-view 2D persons, loaded from a calibration path and a detections path
/// (4D Association PAF text files are parsed into persons; OpenPose/COCO JSON persons are used as they are).
/// </summary>
public sealed record ReconstructionInput(CameraRig Rig, IReadOnlyList<MultiViewFrame> Frames, Skeleton Skeleton)
{
    /// <summary>
    /// Loads the calibration (file or folder, format detected from content) and the detections for its cameras.
    /// <paramref name="firstFrameIndex"/> numbers the frames of formats that carry no frame numbers (4D Association text).
    /// </summary>
    public static ReconstructionInput Load(string calibrationPath, string detectionsPath, int firstFrameIndex = 0, PafParserOptions? parser = null)
    {
        var rig = CalibrationReader.Read(calibrationPath);
        var cameras = rig.Select(c => (c.Name, c.Width, c.Height)).ToList();
        var source = DetectionSource.Open(detectionsPath, cameras, new DetectionSourceOptions { FirstFrameIndex = firstFrameIndex });
        var frames = new List<MultiViewFrame>();
        Skeleton? skeleton = null;
        foreach (var frame in source.Frames())
        {
            var views = frame.Paf is not null ? PafPersonParser.ParseViews(frame.Paf, parser) : frame.People!;
            if (frame.Paf is { Count: > 0 })
            {
                skeleton ??= frame.Paf[0].Skeleton;
            }

            skeleton ??= views.SelectMany(v => v).Select(p => p.Skeleton).FirstOrDefault();
            frames.Add(new MultiViewFrame(frame.FrameIndex, views));
        }

        return new ReconstructionInput(rig, frames, skeleton ?? KnownSkeletons.Body25);
    }
}
