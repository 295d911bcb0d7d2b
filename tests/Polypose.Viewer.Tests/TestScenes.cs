using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Synthesis;

namespace Polypose.Viewer.Tests;

/// <summary>Scenes for the viewer tests, written to real files and read back the way <c>polypose serve</c> reads them.</summary>
internal static class TestScenes
{
    /// <summary>
    /// A synthetic 4-person, 5-camera, 90-frame scene (seed 11) whose ground truth is written as a Polypose 3D JSON
    /// file with some people left out of some frames (person p is absent when (frame + 2p) mod 5 == 0), so the number
    /// of people changes from frame to frame. Returns the poses path and the scene read back from it.
    /// </summary>
    public static (string PosesPath, ViewerScene Scene) Synthetic(string dir)
    {
        var synthetic = SceneGenerator.Generate(new SceneOptions { People = 4, Frames = 90, Seed = 11 });
        var frames = synthetic.GroundTruth
            .Select(f => new Frame3D(f.FrameIndex, [.. f.People.Where(p => (f.FrameIndex + (2 * p.Id)) % 5 != 0)]))
            .ToList();
        var rig = new CameraRig(synthetic.Cameras);
        var path = Path.Combine(dir, "poses.json");
        Poses3DJson.Write(path, KnownSkeletons.Body25, frames, rig.Names);
        return (path, new ViewerScene(Poses3DJson.Read(path), rig, synthetic.Detections));
    }

    /// <summary>
    /// <paramref name="people"/> people walking on circles for <paramref name="frames"/> frames (BODY25, a fixed
    /// stick figure moved rigidly; deterministic), every person in every frame.
    /// </summary>
    public static Poses3DDocument Walkers(int people, int frames)
    {
        var skeleton = KnownSkeletons.Body25;
        var shape = new Vec3[skeleton.JointCount];
        for (var j = 0; j < shape.Length; j++)
        {
            // A rough standing figure: joints spread over a 1.7 m column, left/right by name.
            var name = skeleton.JointNames[j];
            var side = name.StartsWith("left", StringComparison.Ordinal) ? 1 : name.StartsWith("right", StringComparison.Ordinal) ? -1 : 0;
            shape[j] = new Vec3(side * 180, 0, 1700 - (j * 1600.0 / shape.Length));
        }

        var list = new List<Frame3D>(frames);
        for (var f = 0; f < frames; f++)
        {
            var persons = new Person3D[people];
            for (var p = 0; p < people; p++)
            {
                var angle = (f * 0.01) + (p * 2 * Math.PI / people);
                var radius = 1000 + (200 * p);
                var c = new Vec3(radius * Math.Cos(angle), radius * Math.Sin(angle), 0);
                var conf = new double[shape.Length];
                Array.Fill(conf, 1.0);
                persons[p] = new Person3D(p, skeleton, [.. shape.Select(s => s + c)], conf, []);
            }

            list.Add(new Frame3D(f, persons));
        }

        return new Poses3DDocument(skeleton, [], list);
    }
}
