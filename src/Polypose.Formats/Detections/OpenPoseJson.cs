using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// OpenPose per-frame JSON (<c>..._000123_keypoints.json</c>): <c>{"people":[{"pose_keypoints_2d":[x0,y0,c0,x1,...]}]}</c>,
/// pixels in the original image, c = score (0 = missing). The skeleton is given, or inferred from the joint count
/// (25 → BODY25, 18 → COCO-18, 17 → COCO-17, 26 → HALPE-26, 133 → COCO-WholeBody-133 as RTMPose writes them for
/// Pose2Sim; see <see cref="WholeBodySkeletons"/>). People with an empty keypoint array are skipped. Scores must lie in
/// [0, <see cref="InputRanges.MaxScore"/>] (0 = missing) and the x, y of a present joint within
/// ±<see cref="InputRanges.MaxKeypointPixels"/> px; anything else is rejected with its place (docs/input-ranges.md).
/// </summary>
public static class OpenPoseJson
{
    /// <summary>Reads the people of one frame file.</summary>
    /// <exception cref="PolyposeFormatException">Bad JSON, a missing field, a count that is not 3·J, or a mixed joint count (names file and JSON path).</exception>
    public static IReadOnlyList<Person2D> Read(string path, Skeleton? skeleton = null)
    {
        using var doc = JsonInput.Parse(path);
        var root = doc.RootElement.Expect(JsonValueKind.Object, path, "$");
        var people = root.Required("people", path, "$").Expect(JsonValueKind.Array, path, "people");
        var result = new List<Person2D>();
        var i = 0;
        foreach (var person in people.EnumerateArray())
        {
            var place = $"people[{i}]";
            var keypoints = person.Required("pose_keypoints_2d", path, place);
            var parsed = ParseKeypoints(keypoints, skeleton, path, place + ".pose_keypoints_2d");
            if (parsed is not null)
            {
                skeleton = parsed.Skeleton;
                result.Add(parsed);
            }

            i++;
        }

        return result;
    }

    /// <summary>
    /// Writes one frame file atomically (OpenPose 1.3 layout: version, people[] with person_id −1, pose_keypoints_2d and
    /// empty face/hand arrays). Missing joints are written as 0, 0, 0.
    /// </summary>
    public static void Write(string path, IReadOnlyList<Person2D> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
            w.WriteStartObject();
            w.WriteNumber("version", 1.3);
            w.WriteStartArray("people");
            foreach (var p in people)
            {
                w.WriteStartObject();
                w.WriteStartArray("person_id");
                w.WriteNumberValue(-1);
                w.WriteEndArray();
                w.WritePropertyName("pose_keypoints_2d");
                WriteKeypoints(w, p.Joints);
                foreach (var empty in (string[])["face_keypoints_2d", "hand_left_keypoints_2d", "hand_right_keypoints_2d", "pose_keypoints_3d", "face_keypoints_3d", "hand_left_keypoints_3d", "hand_right_keypoints_3d"])
                {
                    w.WriteStartArray(empty);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes a flat [x, y, c, ...] array; missing or non-finite joints become 0, 0, 0.</summary>
    internal static void WriteKeypoints(Utf8JsonWriter w, Keypoint2D[] joints)
    {
        w.WriteStartArray();
        foreach (var k in joints)
        {
            var present = k.IsPresent && double.IsFinite(k.Score);
            w.WriteNumberValue(present ? k.X : 0);
            w.WriteNumberValue(present ? k.Y : 0);
            w.WriteNumberValue(present ? k.Score : 0);
        }

        w.WriteEndArray();
    }

    private static string Text(double v) => v.ToString("g6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a flat keypoint array into a person; null for an empty array. The skeleton must match the count when
    /// given, else it is inferred.
    /// </summary>
    internal static Person2D? ParseKeypoints(JsonElement array, Skeleton? skeleton, string file, string place)
    {
        array.Expect(JsonValueKind.Array, file, place);
        var n = array.GetArrayLength();
        if (n == 0)
        {
            return null;
        }

        if (n % 3 != 0)
        {
            throw new PolyposeFormatException(file, $"expected x, y, score triplets (a multiple of 3 values) but got {n} values", place: place);
        }

        var joints = n / 3;
        if (skeleton is null)
        {
            skeleton = OpenPoseSkeletons.ForOpenPoseJointCount(joints)
                ?? throw new PolyposeFormatException(file, $"cannot infer the skeleton from {joints} joints; expected 25 (BODY25), 18 (COCO-18), 17 (COCO-17), 26 (HALPE-26) or 133 (COCO-WholeBody), or name the skeleton", place: place);
        }
        else if (skeleton.JointCount != joints)
        {
            throw new PolyposeFormatException(file, $"expected {skeleton.JointCount} joints ({skeleton.Name}, {3 * skeleton.JointCount} values) but got {joints} ({n} values)", place: place);
        }

        var result = new Keypoint2D[joints];
        var values = new double[n];
        var i = 0;
        foreach (var v in array.EnumerateArray())
        {
            values[i] = v.Number(file, $"{place}[{i}]");
            i++;
        }

        for (var j = 0; j < joints; j++)
        {
            var score = values[(3 * j) + 2];
            if (!(score >= 0 && score <= InputRanges.MaxScore))
            {
                throw new PolyposeFormatException(
                    file, $"joint {j} ({skeleton.JointNames[j]}): score {Text(score)} is outside [0, {Text(InputRanges.MaxScore)}] (0 marks a missing joint)", place: $"{place}[{(3 * j) + 2}]");
            }

            for (var axis = 0; axis < 2 && score > 0; axis++)
            {
                var v = values[(3 * j) + axis];
                if (!InputRanges.Within(v, InputRanges.MaxKeypointPixels))
                {
                    throw new PolyposeFormatException(
                        file, $"joint {j} ({skeleton.JointNames[j]}): {(axis == 0 ? "x" : "y")} = {Text(v)} px is outside the plausible range (|{(axis == 0 ? "x" : "y")}| <= {Text(InputRanges.MaxKeypointPixels)} px)", place: $"{place}[{(3 * j) + axis}]");
                }
            }

            result[j] = score > 0 ? new Keypoint2D(values[3 * j], values[(3 * j) + 1], score) : Keypoint2D.Missing;
        }

        return new Person2D(skeleton, result);
    }
}
