using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Geometry;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// CMU Panoptic 3D ground truth (<c>hdPose3d_stage1_coco19/body3DScene_%08d.json</c>): <c>bodies[]</c> with <c>id</c>
/// and <c>joints19</c> (19 × [x, y, z, confidence], centimetres, world y-down). Output: the first 15 joints as
/// Panoptic-15 in world z-up MILLIMETRES, x_new = (x, z, −y)·10 (<see cref="WorldFrame.PanopticPointToPolypose"/>); a joint's confidence is the file's value when
/// &gt; 0.1, else 0 (position zero). Persons carry no per-view detections (empty <see cref="Person3D.DetectionPerView"/>).
/// </summary>
public static class PanopticGroundTruth
{
    /// <summary>The visibility threshold: a joint counts as visible when its confidence exceeds this.</summary>
    public const double VisibleConfidence = 0.1;

    /// <summary>Reads one frame file; the frame index is the number in the file name (<see cref="FrameNumbers"/>), else 0.</summary>
    public static Frame3D ReadFile(string path)
    {
        var frame = FrameNumbers.TryParse(path, out var number) ? number : 0;
        using var doc = JsonInput.Parse(path);
        var bodies = doc.RootElement.Required("bodies", path, "$").Expect(JsonValueKind.Array, path, "bodies");
        var people = new List<Person3D>();
        var i = 0;
        foreach (var body in bodies.EnumerateArray())
        {
            var place = $"bodies[{i++}]";
            var id = body.Required("id", path, place).Integer(path, place + ".id");
            var arr = body.Required("joints19", path, place).Expect(JsonValueKind.Array, path, place + ".joints19");
            var n = arr.GetArrayLength();
            if (n < 15 * 4 || n % 4 != 0)
            {
                throw new PolyposeFormatException(path, $"expected 19 × 4 values (at least 15 joints of x, y, z, confidence) but got {n}", place: place + ".joints19");
            }

            var values = arr.EnumerateArray().Take(60).Select((v, k) => v.Number(path, $"{place}.joints19[{k}]")).ToArray();
            var joints = new Vec3[15];
            var confidence = new double[15];
            for (var j = 0; j < 15; j++)
            {
                var c = values[(4 * j) + 3];
                if (c > VisibleConfidence)
                {
                    for (var axis = 0; axis < 3; axis++)
                    {
                        var cm = values[(4 * j) + axis];
                        if (!InputRanges.Within(cm * 10, InputRanges.MaxPointMillimetres))
                        {
                            throw new PolyposeFormatException(
                                path,
                                $"coordinate {cm.ToString("g6", System.Globalization.CultureInfo.InvariantCulture)} cm is outside the plausible range (|value| <= {InputRanges.MaxPointMillimetres / 10:g6} cm)",
                                place: $"{place}.joints19[{(4 * j) + axis}]");
                        }
                    }

                    joints[j] = WorldFrame.PanopticPointToPolypose(new Vec3(values[4 * j], values[(4 * j) + 1], values[(4 * j) + 2]));
                    confidence[j] = c;
                }
            }

            people.Add(new Person3D(id, KnownSkeletons.Panoptic15, joints, confidence, []));
        }

        return new Frame3D(frame, people);
    }

    /// <summary>Reads every <c>*.json</c> file of a folder in ordinal name order (one frame each).</summary>
    public static IReadOnlyList<Frame3D> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new PolyposeFormatException(folder, "ground-truth folder not found");
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new PolyposeFormatException(folder, "not a 3D pose file or a CMU Panoptic body3DScene folder: this folder holds no *.json frame files");
        }

        var frames = new List<Frame3D>(files.Count);
        var first = new Dictionary<int, string>();
        foreach (var file in files)
        {
            var frame = ReadFile(file);
            if (!first.TryAdd(frame.FrameIndex, file))
            {
                throw new PolyposeFormatException(file, $"frame number {frame.FrameIndex} is also the number of {Path.GetFileName(first[frame.FrameIndex])} (file names must carry distinct frame numbers)");
            }

            frames.Add(frame);
        }

        return frames;
    }
}
