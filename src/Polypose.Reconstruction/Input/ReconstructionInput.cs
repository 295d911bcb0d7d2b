using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evidence;
using Polypose.Formats;
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
    /// What loading decided that the user should know, one line each: the calibration cameras left out because they have
    /// no detections, and image sizes assumed from the principal point (lines starting "warning:").
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Loads the calibration (file or folder, format detected from content; image sizes as
    /// <see cref="CalibrationLoading.Read"/> resolves them) and the detections. Only the calibration cameras that have
    /// detections are used (<see cref="Rig"/> holds those, in calibration order; <see cref="Notes"/> says which); fewer
    /// than two is an error. <paramref name="firstFrameIndex"/> numbers the frames of formats that carry no frame
    /// numbers (4D Association text), whose normalised coordinates need each camera's true image size (one assumed from
    /// the principal point is refused).
    /// </summary>
    public static ReconstructionInput Load(string calibrationPath, string detectionsPath, int firstFrameIndex = 0, PafParserOptions? parser = null, ImageSizeSpec? imageSizes = null)
    {
        var (rig, source, notes) = OpenSource(calibrationPath, detectionsPath, firstFrameIndex, imageSizes);
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

        return new ReconstructionInput(rig, frames, paf, skeleton ?? KnownSkeletons.Body25) { Notes = notes, DetectionPaths = source.ViewPaths };
    }

    /// <summary>
    /// Opens the calibration and the detections for <see cref="Load"/> and <see cref="StreamedReconstruction.Open"/> alike:
    /// the calibration cameras that have detections (at least two), the detection source restricted to them, and the
    /// notes for the user (cameras left out, image sizes assumed).
    /// </summary>
    internal static (CameraRig Rig, DetectionSource Source, List<string> Notes) OpenSource(string calibrationPath, string detectionsPath, int firstFrameIndex, ImageSizeSpec? imageSizes)
    {
        var fullRig = CalibrationLoading.Read(calibrationPath, imageSizes);
        var cameras = fullRig.Select(c => (c.Name, c.Width, c.Height)).ToList();
        var source = DetectionSource.Open(detectionsPath, cameras, new DetectionSourceOptions { FirstFrameIndex = firstFrameIndex, RequireEveryCamera = false });
        var notes = new List<string>();
        if (source.CameraNames.Count < 2)
        {
            throw new PolyposeFormatException(
                detectionsPath,
                $"only {source.CameraNames.Count} of the {fullRig.Count} calibration cameras has detections ({string.Join(", ", source.CameraNames)}); reconstruction needs at least two");
        }

        var rig = fullRig;
        if (source.CameraNames.Count < fullRig.Count)
        {
            rig = fullRig.Subset(source.CameraNames);
            var left = fullRig.Names.Where(n => !rig.Contains(n));
            notes.Add($"using the {rig.Count} of {fullRig.Count} calibration cameras that have detections: {CalibrationLoading.Names(rig.Names)} (no detections for {CalibrationLoading.Names(left)})");
        }

        if (source.Kind == DetectionInputKind.FourDAssociationPaf && rig.ImageSizesFromPrincipalPoint.Count > 0)
        {
            throw new PolyposeFormatException(
                calibrationPath,
                $"4D Association detections are normalised to the image size, which the calibration does not give for camera(s) {CalibrationLoading.Names(rig.ImageSizesFromPrincipalPoint)}; pass --image-size WxH (or NAME=WxH,...)");
        }

        if (CalibrationLoading.ImageSizeWarning(rig) is { } warning)
        {
            notes.Add(warning);
        }

        return (rig, source, notes);
    }

    /// <summary>
    /// The cameras (in view order) that contributed a detection to no person of <paramref name="people"/> over the
    /// whole run: a sign of a wrong calibration, a wrong camera-to-folder match or a camera that saw nothing. Empty
    /// when nobody was reconstructed at all (then no camera can be blamed).
    /// </summary>
    public IReadOnlyList<string> CamerasContributingToNobody(IReadOnlyList<Frame3D> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var used = new bool[Rig.Count];
        var anyone = false;
        foreach (var frame in people)
        {
            foreach (var person in frame.People)
            {
                anyone = true;
                for (var v = 0; v < Math.Min(used.Length, person.DetectionPerView.Length); v++)
                {
                    used[v] |= person.DetectionPerView[v] >= 0;
                }
            }
        }

        return anyone ? [.. Enumerable.Range(0, Rig.Count).Where(v => !used[v]).Select(v => Rig[v].Name)] : [];
    }

    /// <summary>The one warning naming the cameras that contributed to nobody (see <see cref="CamerasContributingToNobody"/>), or null.</summary>
    public string? NobodyWarning(IReadOnlyList<Frame3D> people)
    {
        var idle = CamerasContributingToNobody(people);
        var detections = new long[Rig.Count];
        foreach (var frame in Frames)
        {
            for (var v = 0; v < Rig.Count; v++)
            {
                detections[v] += frame.Views[v].Count;
            }
        }

        return NobodyWarning(Rig, idle, detections, Frames.Count);
    }

    /// <summary>The warning text for <paramref name="idle"/> cameras (null when none) given each view's detection count over <paramref name="frameCount"/> frames.</summary>
    internal static string? NobodyWarning(CameraRig rig, IReadOnlyList<string> idle, IReadOnlyList<long> detectionsPerView, int frameCount)
    {
        if (idle.Count == 0)
        {
            return null;
        }

        var seen = Enumerable.Range(0, rig.Count).Where(v => idle.Contains(rig[v].Name)).Sum(v => detectionsPerView[v]);
        return $"warning: {(idle.Count == 1 ? "camera" : "cameras")} {CalibrationLoading.Names(idle)} contributed to no reconstructed person over the {frameCount} frames " +
            $"({seen} detection(s) in {(idle.Count == 1 ? "it" : "them")}): check {(idle.Count == 1 ? "its" : "their")} calibration and that the detections belong to {(idle.Count == 1 ? "it" : "them")}";
    }

    /// <summary>The detection file (4D Association, COCO) or folder (OpenPose) each view was read from, in view order.</summary>
    public IReadOnlyList<string> DetectionPaths { get; init; } = [];

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
