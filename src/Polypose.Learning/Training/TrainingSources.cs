using Polypose.Core.Poses;
using Polypose.Formats;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Input;
using Polypose.Synthesis;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Projection;

namespace Polypose.Learning.Training;

/// <summary>
/// Builds <see cref="TrainingSequence"/>s from the sources of learning.md 3. Every pseudo-label comes from running the
/// teacher (<see cref="MultiViewReconstructor"/>: exact association, triangulation, rectification) on the detections,
/// or from a pseudo-label file the teacher wrote; ground truth is never read here.
/// </summary>
public static class TrainingSources
{
    /// <summary>Synthetic scenes generated in-process and labelled by the teacher (<paramref name="threads"/> workers).</summary>
    public static IReadOnlyList<TrainingSequence> Synthetic(IReadOnlyList<SyntheticSceneSpec> scenes, int threads)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var result = new List<TrainingSequence>();
        foreach (var spec in scenes)
        {
            if (HeldOutSets.IsHeldOut(spec))
            {
                throw new ArgumentException($"scene {spec} belongs to a held-out evaluation set", nameof(scenes));
            }

            var scene = SceneGenerator.Generate(spec.Options);
            result.Add(Teacher($"synthetic {spec}", scene.Cameras, scene.Detections, threads));
        }

        return result;
    }

    /// <summary>First detector-noise seed of the Panoptic CMU0 training source (sequence s uses PanopticFirstSeed + s).</summary>
    public const int PanopticFirstSeed = 2000;

    /// <summary>
    /// The Panoptic sample in <paramref name="sampleDir"/> seen by the training rig CMU0 (learning.md 3.2): each sequence
    /// of <see cref="HeldOutSets.PanopticSequences"/> is projected into CMU0's five HD cameras with the default detector
    /// model (<see cref="Polypose.Synthesis.Detection.DetectorNoiseModel.Default"/>, seed
    /// <see cref="PanopticFirstSeed"/> + sequence index, outside the held-out range) and labelled by the teacher. The
    /// sample's 3D motion only drives the simulated detector, as a synthetic scene's does; its identities are dropped and
    /// the pseudo-labels are the teacher's. CMU1/3/4, the unseen rigs of the evaluation, are never used.
    /// </summary>
    public static IReadOnlyList<TrainingSequence> PanopticCmu0(string sampleDir, int threads)
    {
        ArgumentNullException.ThrowIfNull(sampleDir);
        var cameras = PanopticCalibration.Read(Path.Combine(sampleDir, "calibration_160906_band1.json"), new CalibrationReadOptions { Cameras = HeldOutSets.PanopticRigs["cmu0"] });
        var result = new List<TrainingSequence>();
        for (var s = 0; s < HeldOutSets.PanopticSequences.Count; s++)
        {
            var name = HeldOutSets.PanopticSequences[s];
            var motion = PanopticGroundTruth.ReadFolder(Path.Combine(sampleDir, name, "hdPose3d_stage1_coco19"));
            var seen = MotionProjector.ProjectPanoptic(cameras, motion, DetectorNoiseModel.Default, PanopticFirstSeed + s);
            result.Add(Teacher($"panoptic {name} cmu0 seed {PanopticFirstSeed + s}", cameras, seen.Detections, threads));
        }

        return result;
    }

    /// <summary>Calibration + detections (any format <c>polypose reconstruct</c> reads), labelled by the teacher.</summary>
    public static TrainingSequence FromDetections(string name, string calibration, string detections, int firstFrame, int threads, bool transductive)
    {
        var input = ReconstructionInput.Load(calibration, detections, firstFrame);
        var labels = input.Reconstruct(threads);
        return new TrainingSequence(name, input.Rig, input.Frames, labels, transductive);
    }

    /// <summary>
    /// Calibration + detections with a pseudo-label file written by <c>polypose reconstruct</c>: the file must be
    /// non-empty, name the rig's cameras, hold finite joints, and cover frame numbers of the detections.
    /// </summary>
    public static TrainingSequence FromPseudoLabels(string name, string calibration, string detections, string pseudoLabels, int firstFrame, bool transductive)
    {
        var input = ReconstructionInput.Load(calibration, detections, firstFrame);
        var document = Poses3DJson.Read(pseudoLabels);
        if (document.Frames.Count == 0 || document.Frames.All(f => f.People.Count == 0))
        {
            throw new PolyposeFormatException(pseudoLabels, "holds no pseudo-labelled person", place: "frames");
        }

        if (document.CameraNames.Count > 0 && !document.CameraNames.SequenceEqual(input.Rig.Names))
        {
            throw new PolyposeFormatException(pseudoLabels, $"cameras [{string.Join(", ", document.CameraNames)}] do not match the calibration's [{string.Join(", ", input.Rig.Names)}]", place: "cameras");
        }

        var byFrame = new Dictionary<int, Frame3D>();
        foreach (var f in document.Frames)
        {
            foreach (var p in f.People)
            {
                var bad = Array.FindIndex(p.Joints, j => !double.IsFinite(j.X) || !double.IsFinite(j.Y) || !double.IsFinite(j.Z));
                if (bad >= 0)
                {
                    throw new PolyposeFormatException(pseudoLabels, $"joint {bad} is not finite", place: $"frame {f.FrameIndex}, person {p.Id}");
                }
            }

            byFrame[f.FrameIndex] = f;
        }

        var known = input.Frames.Select(f => f.FrameIndex).ToHashSet();
        var stray = document.Frames.FirstOrDefault(f => !known.Contains(f.FrameIndex));
        if (stray is not null)
        {
            throw new PolyposeFormatException(pseudoLabels, $"frame {stray.FrameIndex} is not a frame of the detections ({input.Frames[0].FrameIndex}..{input.Frames[^1].FrameIndex})", place: $"frame {stray.FrameIndex}");
        }

        var labels = input.Frames.Select(f => byFrame.TryGetValue(f.FrameIndex, out var l) ? l : new Frame3D(f.FrameIndex, [])).ToArray();
        return new TrainingSequence(name, input.Rig, input.Frames, labels, transductive);
    }

    private static TrainingSequence Teacher(string name, IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> frames, int threads)
        => new(name, cameras, frames, MultiViewReconstructor.ReconstructAll(cameras, frames, threads));

    /// <summary>A one-line summary of the data for the model file's metadata.</summary>
    public static string Summary(IReadOnlyList<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var synthetic = sequences.Where(s => s.Name.StartsWith("synthetic", StringComparison.Ordinal)).ToArray();
        var other = sequences.Except(synthetic).Select(s => $"{s.Name} ({s.Frames.Count} frames, {s.Cameras.Count} cameras{(s.Transductive ? ", transductive" : "")})");
        var parts = new List<string>();
        if (synthetic.Length > 0)
        {
            parts.Add($"{synthetic.Length} synthetic training scenes (TrainingSets 0..{synthetic.Length - 1}, {synthetic.Sum(s => s.Frames.Count)} frames)");
        }

        parts.AddRange(other);
        return $"teacher pseudo-labels only (no ground truth): {string.Join("; ", parts)}";
    }
}
