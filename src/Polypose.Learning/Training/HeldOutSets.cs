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
/// The held-out evaluation sets of DisPOSE Stage I, in one place (learning.md 3; issue 8, deliverable 9). Every set is
/// generated in-process and deterministically (same name and data, same set). Training must not use them:
/// <list type="bullet">
/// <item><b>Seeds</b>: every synthetic seed here lies in <see cref="FirstSeed"/>–<see cref="LastSeed"/> (9000–9999);
/// training draws its seeds outside that range (<see cref="IsHeldOutSeed"/>).</item>
/// <item><b>rig3, rig4, rig5, rig7, rig8</b>: unseen synthetic rigs with 3, 4, 5, 7 and 8 cameras, one scene per rig kind
/// (<see cref="RigKinds"/>: ring, corners, ceiling, mixed, random; odd scene indices with lens distortion), 2–6 people
/// (2 + scene index), <see cref="SyntheticFrames"/> frames at 30 fps of which every <see cref="FrameStride"/>-th is
/// kept; seed <c>9000 + 10·cameras + scene</c>.</item>
/// <item><b>crowd</b>: crowded scenes of 8, 9 and 10 people on ring:6, mixed:7 and ceiling:8 rigs in a 6 m room, same
/// frame schedule; seed <c>9100 + scene</c>.</item>
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

    /// <summary>Frames generated per synthetic scene (30 fps).</summary>
    public const int SyntheticFrames = 120;

    /// <summary>Every FrameStride-th generated frame is kept (30 of 120), so kept frames are 133 ms apart.</summary>
    public const int FrameStride = 4;

    /// <summary>The first Shelf test frame (the test split is 300–600).</summary>
    public const int ShelfFirstFrame = 300;

    /// <summary>Folder of the Panoptic sample below the shared data folder.</summary>
    public const string PanopticFolder = "panoptic-sample";

    /// <summary>Folder of Shelf below the shared data folder.</summary>
    public const string ShelfFolder = "shelf";

    /// <summary>Camera counts of the unseen synthetic rigs.</summary>
    public static IReadOnlyList<int> RigCameraCounts { get; } = [3, 4, 5, 7, 8];

    /// <summary>One scene per kind in every rig set, in this order.</summary>
    public static IReadOnlyList<RigKind> RigKinds { get; } = [RigKind.Ring, RigKind.Corners, RigKind.Ceiling, RigKind.Mixed, RigKind.Random];

    /// <summary>People and rig of each crowd scene.</summary>
    public static IReadOnlyList<(int People, RigSpec Rig)> CrowdScenes { get; } =
        [(8, new RigSpec(RigKind.Ring, 6)), (9, new RigSpec(RigKind.Mixed, 7)), (10, new RigSpec(RigKind.Ceiling, 8))];

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

    /// <summary>The unseen synthetic rigs with <paramref name="cameras"/> cameras (one of <see cref="RigCameraCounts"/>).</summary>
    public static EvaluationSet SyntheticRig(int cameras)
    {
        if (!RigCameraCounts.Contains(cameras))
        {
            throw new ArgumentOutOfRangeException(nameof(cameras), cameras, $"held-out rigs have {string.Join(", ", RigCameraCounts)} cameras");
        }

        var scenes = new List<EvaluationScene>();
        for (var k = 0; k < RigKinds.Count; k++)
        {
            var options = new SceneOptions
            {
                Rig = new RigSpec(RigKinds[k], cameras),
                RigOptions = new RigOptions { Distortion = k % 2 == 1 },
                People = 2 + k,
                Frames = SyntheticFrames,
                Seed = FirstSeed + (10 * cameras) + k,
            };
            scenes.Add(FromSynthetic(options));
        }

        return new EvaluationSet($"rig{cameras}", $"unseen synthetic rigs, {cameras} cameras ({string.Join(", ", RigKinds.Select(r => r.ToString().ToLowerInvariant()))}), 2-6 people", scenes);
    }

    /// <summary>The crowded synthetic scenes (8, 9 and 10 people).</summary>
    public static EvaluationSet Crowd()
    {
        var scenes = new List<EvaluationScene>();
        for (var k = 0; k < CrowdScenes.Count; k++)
        {
            var (people, rig) = CrowdScenes[k];
            scenes.Add(FromSynthetic(new SceneOptions { Rig = rig, People = people, Frames = SyntheticFrames, Seed = FirstSeed + 100 + k }));
        }

        return new EvaluationSet("crowd", "crowded synthetic scenes, 8-10 people (ring:6, mixed:7, ceiling:8)", scenes);
    }

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

    private static EvaluationScene FromSynthetic(SceneOptions options)
    {
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
