using System.Globalization;
using Polypose.Learning.Training;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Comparison;

/// <summary>
/// View-count scaling (issue 9, item 8): one synthetic scene, seen by 3, 4, 5, 6 and 7 of its cameras, as the sets
/// <c>views3</c> … <c>views7</c>. The scene is <see cref="Scene"/>: a 7-camera ring (held-out seed
/// <see cref="Seed"/>, never used in training: <see cref="HeldOutSets.IsHeldOutSeed"/>), 4 people, 150 frames at 30 fps of
/// which every <see cref="HeldOutSets.FrameStride"/>-th is scored (38 frames). Set <c>viewsK</c> keeps cameras
/// <c>floor(i·7/K)</c>, i = 0..K−1 (spread around the ring; <c>views7</c> = all), with their detections and true
/// identities; the people, their motion, the detection noise and the ground truth are the same in every set, so rows of
/// different sets differ only by the views.
/// </summary>
public static class ViewScalingSets
{
    /// <summary>The scene's seed (in the evaluation range 9000–9999, unused by the other held-out sets).</summary>
    public const int Seed = 9700;

    /// <summary>Cameras of the full rig.</summary>
    public const int MaxViews = 7;

    /// <summary>Fewest views of a set.</summary>
    public const int MinViews = 3;

    private static readonly Lazy<SyntheticScene> Generated = new(() => SceneGenerator.Generate(Spec().Options));

    /// <summary>The scene all sets share: 7-camera ring, 4 people, 150 frames, seed <see cref="Seed"/>.</summary>
    public static SyntheticSceneSpec Scene { get; } = Spec();

    /// <summary>The set names, fewest views first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enumerable.Range(MinViews, MaxViews - MinViews + 1).Select(k => string.Create(CultureInfo.InvariantCulture, $"views{k}"))];

    /// <summary>The cameras (indices into the 7-camera rig, ascending) that set <c>views</c><paramref name="views"/> keeps.</summary>
    public static int[] CamerasOf(int views)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(views, MinViews);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(views, MaxViews);
        return [.. Enumerable.Range(0, views).Select(i => i * MaxViews / views)];
    }

    /// <summary>Builds set <paramref name="name"/> (one of <see cref="Names"/>); <see cref="ArgumentException"/> otherwise.</summary>
    public static EvaluationSet Build(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"unknown view-scaling set '{name}'; known: {string.Join(", ", Names)}", nameof(name));
        }

        var views = int.Parse(name["views".Length..], CultureInfo.InvariantCulture);
        var keep = CamerasOf(views);
        var scene = Generated.Value;
        var frames = Enumerable.Range(0, scene.Detections.Count).Where(f => f % HeldOutSets.FrameStride == 0).ToArray();
        var evaluation = new EvaluationScene(
            $"{Scene.Options.Rig} cameras {string.Join(",", keep)} of {MaxViews}, {Scene.People} people seed {Seed}",
            [.. keep.Select(c => scene.Cameras[c])],
            [.. frames.Select(f => new Core.Poses.MultiViewFrame(scene.Detections[f].FrameIndex, [.. keep.Select(c => scene.Detections[f].Views[c])]))],
            [.. frames.Select(f => scene.GroundTruth[f])],
            [.. frames.Select(f => (IReadOnlyList<int[]>)[.. keep.Select(c => scene.DetectionSources[f][c])])]);
        return new EvaluationSet(name, $"view-count scaling: one 7-camera ring scene (4 people, seed {Seed}) seen by {views} of its cameras", [evaluation]);
    }

    private static SyntheticSceneSpec Spec() => new(new RigSpec(RigKind.Ring, MaxViews), 4, 150, Seed);
}
