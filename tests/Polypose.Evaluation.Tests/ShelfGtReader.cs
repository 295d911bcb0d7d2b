using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats;
using Polypose.Geometry;

namespace Polypose.Evaluation.Tests;

/// <summary>
/// A small private reader of the 4D Association <c>gt.txt</c> (whitespace tokens: "J F", then per frame a person count
/// and per person an id and a 4×J row-major block of x, y, z in metres and flags). Returns Shelf15 frames in mm.
/// Kept in the tests until the Formats ground-truth reader lands.
/// </summary>
internal static class ShelfGtReader
{
    public static List<Frame3D> Read(string path)
    {
        var tokens = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var pos = 0;
        double Next(string what)
        {
            if (pos >= tokens.Length)
            {
                throw new PolyposeFormatException(path, $"unexpected end of file: expected {what}", place: $"token {pos}");
            }

            if (!double.TryParse(tokens[pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new PolyposeFormatException(path, $"expected {what}, got '{tokens[pos]}'", place: $"token {pos}");
            }

            pos++;
            return v;
        }

        var jointCount = (int)Next("joint count");
        var frameCount = (int)Next("frame count");
        if (jointCount != 15)
        {
            throw new PolyposeFormatException(path, $"expected 15 joints (Shelf15), got {jointCount}", 1, 1);
        }

        var frames = new List<Frame3D>(frameCount);
        for (var f = 0; f < frameCount; f++)
        {
            var count = (int)Next($"person count of frame {f}");
            var people = new List<Person3D>(count);
            for (var p = 0; p < count; p++)
            {
                var id = (int)Next($"person id (frame {f})");
                var m = new double[4 * jointCount];
                for (var k = 0; k < m.Length; k++)
                {
                    m[k] = Next($"matrix value (frame {f}, person {id})");
                }

                var joints = new Vec3[jointCount];
                var conf = new double[jointCount];
                for (var j = 0; j < jointCount; j++)
                {
                    joints[j] = new Vec3(m[j], m[jointCount + j], m[(2 * jointCount) + j]) * 1000;
                    conf[j] = m[(3 * jointCount) + j];
                }

                people.Add(new Person3D(id, KnownSkeletons.Shelf15, joints, conf, []));
            }

            frames.Add(new Frame3D(f, people));
        }

        return frames;
    }
}
