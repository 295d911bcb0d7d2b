using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// COCO keypoint result files: a JSON array of <c>{"image_id", "category_id", "keypoints":[x,y,v,...], "score"}</c>
/// (pixels; v = keypoint score, 0 = missing). Frame rule: an integer <c>image_id</c> IS the frame index; a string
/// <c>image_id</c>, or a <c>file_name</c>/<c>image_name</c> field, gives the frame by <see cref="FrameNumbers"/> (last
/// digit run of the name). Only category 1 (person) is kept when <c>category_id</c> is present. Skeleton as in
/// <see cref="OpenPoseJson"/> (51 values → COCO-17).
/// </summary>
public static class CocoKeypointResults
{
    /// <summary>Reads every entry, in file order.</summary>
    public static IReadOnlyList<CocoKeypointResult> Read(string path, Skeleton? skeleton = null)
    {
        using var doc = JsonInput.Parse(path);
        var root = doc.RootElement.Expect(JsonValueKind.Array, path, "$");
        var result = new List<CocoKeypointResult>();
        var i = 0;
        foreach (var e in root.EnumerateArray())
        {
            var place = $"[{i++}]";
            e.Expect(JsonValueKind.Object, path, place);
            if (e.TryGetProperty("category_id", out var cat) && cat.Integer(path, place + ".category_id") != 1)
            {
                continue;
            }

            var frame = FrameOf(e, path, place);
            var person = OpenPoseJson.ParseKeypoints(e.Required("keypoints", path, place), skeleton, path, place + ".keypoints");
            if (person is null)
            {
                continue;
            }

            skeleton = person.Skeleton;
            var score = e.TryGetProperty("score", out var s) ? s.Number(path, place + ".score") : person.MeanScore;
            if (!(score >= 0 && score <= InputRanges.MaxScore))
            {
                throw new PolyposeFormatException(path, $"person score {score.ToString("g6", System.Globalization.CultureInfo.InvariantCulture)} is outside [0, {InputRanges.MaxScore}]", place: place + ".score");
            }
            result.Add(new CocoKeypointResult(frame, person, score));
        }

        return result;
    }

    /// <summary>Reads a file and groups the persons by frame index (each list in file order).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<Person2D>> ReadByFrame(string path, Skeleton? skeleton = null) =>
        Read(path, skeleton)
            .GroupBy(r => r.FrameIndex)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Person2D>)[.. g.Select(r => r.Person)]);

    /// <summary>Writes entries atomically with <c>image_id</c> = frame index and <c>category_id</c> = 1.</summary>
    public static void Write(string path, IEnumerable<CocoKeypointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartArray();
            foreach (var r in list)
            {
                w.WriteStartObject();
                w.WriteNumber("image_id", r.FrameIndex);
                w.WriteNumber("category_id", 1);
                w.WritePropertyName("keypoints");
                OpenPoseJson.WriteKeypoints(w, r.Person.Joints);
                w.WriteNumber("score", double.IsFinite(r.Score) ? r.Score : 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static int FrameOf(JsonElement e, string path, string place)
    {
        if (e.TryGetProperty("image_id", out var id) && id.ValueKind == JsonValueKind.Number)
        {
            return id.Integer(path, place + ".image_id");
        }

        foreach (var field in (string[])["image_id", "file_name", "image_name"])
        {
            if (e.TryGetProperty(field, out var name) && name.ValueKind == JsonValueKind.String)
            {
                var text = name.GetString() ?? string.Empty;
                return FrameNumbers.TryParse(text, out var frame)
                    ? frame
                    : throw new PolyposeFormatException(path, $"cannot read a frame number from '{text}' (expected digits in the name)", place: $"{place}.{field}");
            }
        }

        throw new PolyposeFormatException(path, "missing 'image_id' (an integer frame index or an image name)", place: place);
    }
}
