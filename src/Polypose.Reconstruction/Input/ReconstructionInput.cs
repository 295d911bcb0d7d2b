using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evidence;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;

namespace Polypose.Reconstruction.Input;

/// <summary>
/// Calibrated cameras plus every frame's 2D evidence, loaded from a calibration path and a detections path.
/// 4D Association input keeps its bottom-up evidence (<see cref="Paf"/>: joint candidates + part affinities, so the
/// reconstructor can parse people and complete missing joints from unclaimed candidates); <see cref="Frames"/> always
/// holds the per-view 2D persons (parsed from the PAF evidence, or read from OpenPose/COCO JSON).
/// </summary>
public sealed record ReconstructionInput(
    CameraRig Rig,
    IReadOnlyList<MultiViewFrame> Frames,
    IReadOnlyList<IReadOnlyList<PafFrame>>? Paf,
    Skeleton Skeleton)
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
        List<IReadOnlyList<PafFrame>>? paf = source.Kind == DetectionInputKind.FourDAssociationPaf ? [] : null;
        Skeleton? skeleton = null;
        foreach (var frame in source.Frames())
        {
            IReadOnlyList<IReadOnlyList<Person2D>> views;
            if (frame.Paf is not null)
            {
                paf?.Add(frame.Paf);
                views = PafPersonParser.ParseViews(frame.Paf, parser);
                if (frame.Paf.Count > 0)
                {
                    skeleton ??= frame.Paf[0].Skeleton;
                }
            }
            else
            {
                views = frame.People!;
            }

            skeleton ??= views.SelectMany(v => v).Select(p => p.Skeleton).FirstOrDefault();
            frames.Add(new MultiViewFrame(frame.FrameIndex, views));
        }

        return new ReconstructionInput(rig, frames, paf, skeleton ?? KnownSkeletons.Body25);
    }

    /// <summary>
    /// Reconstructs every frame on <paramref name="threads"/> workers (the PAF path when bottom-up evidence is present);
    /// the result carries the input's frame numbers and is identical for any thread count.
    /// </summary>
    public IReadOnlyList<Frame3D> Reconstruct(int threads, ReconstructionOptions? options = null)
    {
        return Paf is not null
            ? MultiViewReconstructor.ReconstructAll(Rig, Paf, threads, options, [.. Frames.Select(f => f.FrameIndex)])
            : MultiViewReconstructor.ReconstructAll(Rig, Frames, threads, options);
    }

    /// <summary>
    /// Reconstructs every frame like <see cref="Reconstruct(int, ReconstructionOptions?)"/> with workers made by
    /// <paramref name="createWorker"/> (e.g. a learned association step); identical for any thread count when the steps
    /// are deterministic per frame.
    /// </summary>
    public IReadOnlyList<Frame3D> Reconstruct(int threads, Func<MultiViewReconstructor> createWorker)
    {
        return Paf is not null
            ? MultiViewReconstructor.ReconstructAll(Rig, Paf, threads, createWorker, [.. Frames.Select(f => f.FrameIndex)])
            : MultiViewReconstructor.ReconstructAll(Rig, Frames, threads, createWorker);
    }
}
