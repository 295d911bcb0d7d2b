using Polypose.Core.Poses;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Synthesis.Fitting;
using Polypose.Testing;

namespace Polypose.Synthesis.Tests;

/// <summary>The real Shelf test set, read with Polypose's own readers, and its measured detector statistics (cached).</summary>
internal static class ShelfData
{
    private static readonly Lazy<(IReadOnlyList<Camera> Cameras, DetectorStatistics Stats)> Loaded = new(Load);

    public static IReadOnlyList<Camera> Cameras => Loaded.Value.Cameras;

    public static DetectorStatistics Statistics => Loaded.Value.Stats;

    /// <summary>A synthetic scene shaped like Shelf: 5 cameras at mixed heights, 1032×776, ~52° field of view, 4 people.</summary>
    public static SceneOptions CalibrationScene(int seed) => new()
    {
        Rig = new Rigs.RigSpec(Rigs.RigKind.Mixed, 5),
        RigOptions = new Rigs.RigOptions { Resolution = (1032, 776), MinHorizontalFovDegrees = 50, MaxHorizontalFovDegrees = 56 },
        People = 4,
        Frames = 300,
        Seed = seed,
        RoomWidth = 4500,
        RoomDepth = 4500,
    };

    private static (IReadOnlyList<Camera>, DetectorStatistics) Load()
    {
        var rig = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json"));
        var gt = FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"));
        var perView = rig.Select(c => FourDAssociationDetectionFile.ReadAll(SharedData.Path("shelf", "detection", c.Name + ".txt"), c.Width, c.Height)).ToArray();
        var frames = Math.Min(gt.Count, perView.Min(v => v.Count));
        var candidates = new List<IReadOnlyList<IReadOnlyList<Keypoint2D>[]>>(frames);
        for (var f = 0; f < frames; f++)
        {
            candidates.Add([.. perView.Select(v => v[f].Candidates.Select(c => (IReadOnlyList<Keypoint2D>)c).ToArray())]);
        }

        var cams = rig.ToList();
        return (cams, DetectorStatistics.Measure(cams, [.. gt.Take(frames)], candidates));
    }
}
