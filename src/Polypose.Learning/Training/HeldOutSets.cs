using System.Globalization;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction.Input;
using Polypose.Synthesis;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Projection;
using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Training;

/// <summary>
/// The held-out evaluation sets of DisPOSE Stage I, in one place (learning.md 3; issue 8, deliverable 9), and the rule
/// that keeps them out of training: training never uses a seed in <see cref="FirstSeed"/>–<see cref="LastSeed"/>
/// (9000–9999) (<see cref="IsHeldOut"/>). The seed draws the rig (placement, lenses, distortion), the people and their
/// motion, so a held-out rig stays unseen even when training rigs have its camera count or crowd size (learning.md 3.1:
/// training covers 2-8 cameras and 1-10 people). Every set is generated in-process and deterministically (same name and
/// data, same set):
/// <list type="bullet">
/// <item><b>rig3, rig4, rig5, rig7, rig8</b>: the <see cref="UnseenRigs"/> with 3, 4, 5, 7 and 8 cameras, one scene per
/// rig kind (ring, corners, ceiling, mixed, random), 4 people, 150 frames at 30 fps of which every
/// <see cref="FrameStride"/>-th is scored (38 per scene); seed <c>9000 + 10·cameras + kind index</c>.</item>
/// <item><b>crowd</b>: the <see cref="Crowded"/> scenes, 8, 9 and 10 people seen by 5-camera ring, corners and mixed
/// rigs, same frame schedule; seeds 9501–9509.</item>
/// <item><b>cmu0, cmu1, cmu3, cmu4</b>: the real motion of the CMU Panoptic sample (160906_band1 and _band2, 20 frames
/// each, 3 people) seen by DisPOSE's rigs (<see cref="PanopticRigs"/>; CMU0 is the training rig, the others unseen),
/// detected by the default detector model (<see cref="DetectorNoiseModel.Default"/>) through
/// <see cref="MotionProjector"/>; seed <c>9200 + 10·rig + sequence</c>.</item>
/// <item><b>shelf</b>: the Shelf test split (frames 300–600, 4D Association detections with part affinities, the
/// ground truth in gt.txt). A model trained on synthetic data sees an unseen rig here; one adapted on Shelf pseudo-labels
/// is transductive and must be labelled so.</item>
/// </list>
/// Synthetic and Panoptic sets know the true person of every detection (association accuracy applies); Shelf does not.
/// </summary>
public static class HeldOutSets
{
    /// <summary>First seed reserved for evaluation.</summary>
    public const int FirstSeed = 9000;

    /// <summary>Last seed reserved for evaluation.</summary>
    public const int LastSeed = 9999;

    /// <summary>Smallest crowd of the crowded set.</summary>
    public const int CrowdedPeople = 8;

    /// <summary>Every FrameStride-th generated frame is scored (38 of 150), so scored frames are 133 ms apart.</summary>
    public const int FrameStride = 4;

    /// <summary>The first Shelf test frame (the test split is 300–600).</summary>
    public const int ShelfFirstFrame = 300;

    /// <summary>Folder of the Panoptic sample below the shared data folder.</summary>
    public const string PanopticFolder = "panoptic-sample";

    /// <summary>The name of the Shelf set, the one set without true identities.</summary>
    public const string ShelfName = "shelf";

    /// <summary>Folder of Shelf below the shared data folder.</summary>
    public const string ShelfFolder = "shelf";

    /// <summary>Camera counts of the unseen-rig sets (their rigs, drawn from held-out seeds, never occur in training).</summary>
    public static IReadOnlyList<int> UnseenCameraCounts { get; } = [3, 4, 5, 7, 8];

    /// <summary>
    /// One scene per unseen camera count and rig kind: 4 people, 150 frames, seed 9000 + 10·cameras + kind index
    /// (kinds in <see cref="RigKind"/> order).
    /// </summary>
    public static IReadOnlyList<SyntheticSceneSpec> UnseenRigs { get; } =
        [.. UnseenCameraCounts.SelectMany(c => Enum.GetValues<RigKind>().Select(k => new SyntheticSceneSpec(new RigSpec(k, c), 4, 150, 9000 + (10 * c) + (int)k)))];

    /// <summary>Crowded scenes: 8, 9 and 10 people seen by 5-camera ring, corners and mixed rigs, 150 frames, seeds 9501-9509.</summary>
    public static IReadOnlyList<SyntheticSceneSpec> Crowded { get; } =
        [.. new[] { RigKind.Ring, RigKind.Corners, RigKind.Mixed }.SelectMany((k, i) => new[] { 8, 9, 10 }.Select((p, j) => new SyntheticSceneSpec(new RigSpec(k, 5), p, 150, 9501 + (3 * i) + j)))];

    /// <summary>DisPOSE's Panoptic rigs as HD camera names: CMU0 (training) and the unseen CMU1–CMU4.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> PanopticRigs { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["cmu0"] = Hd(3, 6, 12, 13, 23),
        ["cmu1"] = Hd(1, 2, 3, 4, 6, 7, 10),
        ["cmu2"] = Hd(12, 16, 18, 19, 22, 23, 30),
        ["cmu3"] = Hd(10, 12, 16, 18),
        ["cmu4"] = Hd(6, 7, 10, 12),
    };

    /// <summary>The Panoptic sample's sequences, in scene order.</summary>
    public static IReadOnlyList<string> PanopticSequences { get; } = ["160906_band1", "160906_band2"];

    /// <summary>Every set, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rig3", "rig4", "rig5", "rig7", "rig8", "crowd", "cmu0", "cmu1", "cmu3", "cmu4", "shelf"];

    /// <summary>The sets generated without shared data.</summary>
    public static IReadOnlyList<string> SyntheticNames { get; } = ["rig3", "rig4", "rig5", "rig7", "rig8", "crowd"];

    /// <summary>Whether <paramref name="seed"/> is reserved for evaluation (training must not use it).</summary>
    public static bool IsHeldOutSeed(int seed) => seed is >= FirstSeed and <= LastSeed;

    /// <summary>Whether a scene would fall in a held-out set (its seed is reserved for evaluation).</summary>
    public static bool IsHeldOut(SyntheticSceneSpec scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return IsHeldOutSeed(scene.Seed);
    }

    /// <summary>Whether set <paramref name="name"/> reads the shared data folder (Panoptic and Shelf sets).</summary>
    public static bool NeedsData(string name) => !SyntheticNames.Contains(name);

    /// <summary>
    /// Builds set <paramref name="name"/> (one of <see cref="Names"/>); <paramref name="dataRoot"/> is the shared data
    /// folder holding <see cref="PanopticFolder"/> and <see cref="ShelfFolder"/> (needed by those sets only). Throws
    /// <see cref="ArgumentException"/> for an unknown name or a missing data root.
    /// </summary>
    public static EvaluationSet Build(string name, string? dataRoot = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"unknown evaluation set '{name}'; known: {string.Join(", ", Names)}", nameof(name));
        }

        if (NeedsData(name) && dataRoot is null)
        {
            throw new ArgumentException($"evaluation set '{name}' needs the shared data folder (with {PanopticFolder}/ and {ShelfFolder}/)", nameof(dataRoot));
        }

        return name switch
        {
            "crowd" => Crowd(),
            "shelf" => Shelf(Path.Combine(dataRoot!, ShelfFolder)),
            _ when name.StartsWith("rig", StringComparison.Ordinal) => SyntheticRig(int.Parse(name[3..], CultureInfo.InvariantCulture)),
            _ => Panoptic(Path.Combine(dataRoot!, PanopticFolder), name),
        };
    }

    /// <summary>The unseen synthetic rigs with <paramref name="cameras"/> cameras (one of <see cref="UnseenCameraCounts"/>).</summary>
    public static EvaluationSet SyntheticRig(int cameras)
    {
        if (!UnseenCameraCounts.Contains(cameras))
        {
            throw new ArgumentOutOfRangeException(nameof(cameras), cameras, $"held-out rigs have {string.Join(", ", UnseenCameraCounts)} cameras");
        }

        var scenes = UnseenRigs.Where(s => s.Rig.Cameras == cameras).Select(FromSynthetic).ToList();
        return new EvaluationSet($"rig{cameras}", $"unseen synthetic rigs, {cameras} cameras (ring, corners, ceiling, mixed, random), 4 people", scenes);
    }

    /// <summary>The crowded synthetic scenes (<see cref="Crowded"/>: 8, 9 and 10 people).</summary>
    public static EvaluationSet Crowd() =>
        new("crowd", "crowded synthetic scenes, 8-10 people, 5-camera ring, corners and mixed rigs", [.. Crowded.Select(FromSynthetic)]);

    /// <summary>
    /// The Panoptic sample in <paramref name="sampleDir"/> seen by rig <paramref name="rig"/> (a key of
    /// <see cref="PanopticRigs"/>) through the detector model.
    /// </summary>
    public static EvaluationSet Panoptic(string sampleDir, string rig)
    {
        ArgumentNullException.ThrowIfNull(sampleDir);
        if (!PanopticRigs.TryGetValue(rig, out var names))
        {
            throw new ArgumentException($"unknown Panoptic rig '{rig}'; known: {string.Join(", ", PanopticRigs.Keys)}", nameof(rig));
        }

        var rigIndex = rig[^1] - '0';
        var calibration = Path.Combine(sampleDir, "calibration_160906_band1.json");
        var cameras = PanopticCalibration.Read(calibration, new CalibrationReadOptions { Cameras = names });
        var scenes = new List<EvaluationScene>();
        for (var s = 0; s < PanopticSequences.Count; s++)
        {
            var truth = PanopticGroundTruth.ReadFolder(Path.Combine(sampleDir, PanopticSequences[s], "hdPose3d_stage1_coco19"));
            var seed = FirstSeed + 200 + (10 * rigIndex) + s;
            var seen = MotionProjector.ProjectPanoptic(cameras, truth, DetectorNoiseModel.Default, seed);
            scenes.Add(new EvaluationScene($"{PanopticSequences[s]} {rig} seed {seed}", cameras, seen.Detections, truth, seen.Identities));
        }

        var role = rig == "cmu0" ? "training rig" : "unseen rig";
        return new EvaluationSet(rig, $"Panoptic sample (real motion, 3 people, 40 frames) seen by {rig.ToUpperInvariant()} ({names.Count} HD cameras, {role}) through the detector model", scenes);
    }

    /// <summary>The Shelf test split from <paramref name="shelfDir"/> (calibration.json, detection/, gt.txt).</summary>
    public static EvaluationSet Shelf(string shelfDir)
    {
        ArgumentNullException.ThrowIfNull(shelfDir);
        var input = ReconstructionInput.Load(Path.Combine(shelfDir, "calibration.json"), Path.Combine(shelfDir, "detection"), ShelfFirstFrame);
        var truth = Poses3DReader.Read(Path.Combine(shelfDir, "gt.txt"), ShelfFirstFrame);
        var scene = new EvaluationScene("shelf frames 300-600", input.Rig, input.Frames, truth, null, input.Paf);
        return new EvaluationSet("shelf", "Shelf test split (real 4D Association detections, 5 cameras): unseen rig for a synthetic-only model, transductive after adaptation on its pseudo-labels", [scene]);
    }

    private static EvaluationScene FromSynthetic(SyntheticSceneSpec spec)
    {
        var options = spec.Options;
        var scene = SceneGenerator.Generate(options);
        var keep = Enumerable.Range(0, scene.Detections.Count).Where(f => f % FrameStride == 0).ToArray();
        return new EvaluationScene(
            $"{options.Rig} {options.People} people seed {options.Seed}",
            scene.Cameras,
            [.. keep.Select(f => scene.Detections[f])],
            [.. keep.Select(f => scene.GroundTruth[f])],
            [.. keep.Select(f => scene.DetectionSources[f])]);
    }

    private static string[] Hd(params int[] indices) => [.. indices.Select(i => string.Create(CultureInfo.InvariantCulture, $"00_{i:D2}"))];
}
