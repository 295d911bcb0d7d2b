using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;

namespace Polypose.Export.Tests;

/// <summary>Small pose files written by hand for the exact-value tests.</summary>
internal static class HandMadePoses
{
    /// <summary>A three-joint chain whose names all exist in BODY25: mid_hip (root) → neck → nose.</summary>
    public static Skeleton Chain { get; } = new("chain3", ["mid_hip", "neck", "nose"], [-1, 0, 1]);

    /// <summary>
    /// Person 0 in frames 10 and 11 (world mm, z-up): frame 10 mid_hip (1000, 2000, 900), neck (1000, 2000, 1400), nose
    /// missing; frame 11 mid_hip (1100, 2000, 900), neck (1100, 2050, 1400), nose (1150, 2050, 1500). Confidences 0.5,
    /// 0.75, 1. With <paramref name="fps"/> the file carries an "fps" field.
    /// </summary>
    public static string Write(string dir, double? fps = null, string name = "hand.json")
    {
        var path = Path.Combine(dir, name);
        Frame3D[] frames =
        [
            new(10, [Person(0, [new(1000, 2000, 900), new(1000, 2000, 1400), Vec3.Zero], [0.5, 0.75, 0])]),
            new(11, [Person(0, [new(1100, 2000, 900), new(1100, 2050, 1400), new(1150, 2050, 1500)], [0.5, 0.75, 1])]),
        ];
        Poses3DJson.Write(path, Chain, frames, []);
        if (fps is { } rate)
        {
            AddFps(path, rate);
        }

        return path;
    }

    /// <summary>Adds a top-level "fps" field to a pose file.</summary>
    public static void AddFps(string path, double fps)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf('{', StringComparison.Ordinal) + 1;
        File.WriteAllText(path, text.Insert(at, $"\n  \"fps\": {fps.ToString(CultureInfo.InvariantCulture)},"));
    }

    /// <summary>A pose file with the given frames (each a list of people).</summary>
    public static string WriteFrames(string dir, string name, Skeleton skeleton, IEnumerable<Frame3D> frames)
    {
        var path = Path.Combine(dir, name);
        Poses3DJson.Write(path, skeleton, frames, []);
        return path;
    }

    public static Person3D Person(int id, Vec3[] joints, double[] confidence) => new(id, Chain, joints, confidence, []);
}
