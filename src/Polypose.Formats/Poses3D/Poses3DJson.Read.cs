using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Geometry;

namespace Polypose.Formats.Poses3D;

/// <summary>Reading of <see cref="Poses3DJson"/> files.</summary>
public static partial class Poses3DJson
{
    /// <summary>
    /// Reads a file. The skeleton is the known skeleton of that name when its joint names match, else one built from
    /// "joints" and "parents".
    /// <para>
    /// Memory: the file's bytes and the frames read. The header fields are parsed on their own and the frames one at a
    /// time (a JSON document per frame), so no document of the whole file is built next to the frames.
    /// </para>
    /// </summary>
    /// <exception cref="PolyposeFormatException">Bad JSON, wrong format/version/unit/world, or arrays of the wrong length (names file and JSON path).</exception>
    public static Poses3DDocument Read(string path)
    {
        var text = JsonInput.ReadText(path);
        var (header, framesAt, framesState) = ReadHeader(path, text);
        using (header)
        {
            var root = header.RootElement.Expect(JsonValueKind.Object, path, "$");
            ExpectText(root, "format", FormatName, path);
            var version = root.Required("version", path, "$").Integer(path, "version");
            if (version != Version)
            {
                throw new PolyposeFormatException(path, $"expected version {Version} but got {version}", place: "version");
            }

            ExpectText(root, "unit", "mm", path);
            ExpectText(root, "world", "z-up", path);
            var skeleton = ReadSkeleton(root, path);
            var cameras = Strings(root.Required("cameras", path, "$"), path, "cameras");
            double? fps = null;
            if (root.TryGetProperty("fps", out var fpsElement))
            {
                var rate = fpsElement.Number(path, "fps");
                fps = rate > 0 ? rate : throw new PolyposeFormatException(path, $"expected a frame rate > 0 but got {fpsElement.GetRawText()}", place: "fps");
            }

            root.Required("frames", path, "$").Expect(JsonValueKind.Array, path, "frames");
            var frames = new List<Frame3D>();
            var seen = new HashSet<int>();
            var reader = new Utf8JsonReader(text.Span[framesAt..], true, framesState);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                using var frame = JsonDocument.ParseValue(ref reader);
                frames.Add(ReadFrame(frame.RootElement, $"frames[{frames.Count}]", skeleton, cameras.Count, seen, path));
            }

            return new Poses3DDocument(skeleton, cameras, frames) { FrameRate = fps };
        }
    }

    /// <summary>
    /// The root object with the "frames" array emptied (a small document), and where that array starts (offset and
    /// reader state just before it). Checks the syntax of the whole file.
    /// </summary>
    private static (JsonDocument Header, int FramesAt, JsonReaderState FramesState) ReadHeader(string path, ReadOnlyMemory<byte> text)
    {
        try
        {
            var reader = new Utf8JsonReader(text.Span, JsonInput.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Not an object (or empty): the whole-document reading gives the located message.
                return (JsonInput.Parse(path), 0, default);
            }

            var framesAt = -1;
            JsonReaderState framesState = default;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var at = (int)reader.BytesConsumed;
                    var state = reader.CurrentState;
                    reader.Read();
                    writer.WritePropertyName(name);
                    if (name == "frames" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        (framesAt, framesState) = (at, state);
                        reader.Skip();
                        writer.WriteStartArray();
                        writer.WriteEndArray();
                    }
                    else
                    {
                        using var value = JsonDocument.ParseValue(ref reader);
                        value.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            while (reader.Read())
            {
                // Anything after the root object is a syntax error (the reader throws).
            }

            return (JsonDocument.Parse(buffer.ToArray()), framesAt, framesState);
        }
        catch (JsonException e)
        {
            throw JsonInput.Located(path, e);
        }
    }

    private static Frame3D ReadFrame(JsonElement frame, string place, Skeleton skeleton, int cameras, HashSet<int> seen, string path)
    {
        var index = frame.Required("frame", path, place).Integer(path, place + ".frame");
        if (!seen.Add(index))
        {
            throw new PolyposeFormatException(path, $"frame number {index} appears more than once", place: place + ".frame");
        }

        var people = new List<Person3D>();
        var p = 0;
        foreach (var person in frame.Required("people", path, place).Expect(JsonValueKind.Array, path, place + ".people").EnumerateArray())
        {
            people.Add(ReadPerson(person, skeleton, cameras, path, $"{place}.people[{p++}]"));
        }

        double? gap = null;
        if (frame.TryGetProperty("optimalityGap", out var gapElement))
        {
            var value = gapElement.Number(path, place + ".optimalityGap");
            gap = value >= 0 && double.IsFinite(value) ? value : throw new PolyposeFormatException(path, $"expected an optimality gap >= 0 but got {gapElement.GetRawText()}", place: place + ".optimalityGap");
        }

        return new Frame3D(index, people) { OptimalityGap = gap };
    }

    private static Person3D ReadPerson(JsonElement e, Skeleton skeleton, int cameras, string path, string place)
    {
        var id = e.Required("id", path, place).Integer(path, place + ".id");
        var jointsArr = Sized(e.Required("joints", path, place), skeleton.JointCount, path, place + ".joints");
        var confArr = Sized(e.Required("confidence", path, place), skeleton.JointCount, path, place + ".confidence");
        var viewsArr = Sized(e.Required("views", path, place), cameras, path, place + ".views");
        var joints = new Vec3[skeleton.JointCount];
        var confidence = new double[skeleton.JointCount];
        for (var j = 0; j < joints.Length; j++)
        {
            var jp = $"{place}.joints[{j}]";
            var xyz = Sized(jointsArr[j], 3, path, jp);
            var c = confArr[j].Number(path, $"{place}.confidence[{j}]");
            if (c < 0)
            {
                throw new PolyposeFormatException(path, $"expected a confidence >= 0 but got {confArr[j].GetRawText()}", place: $"{place}.confidence[{j}]");
            }

            var v = new Vec3(Coordinate(xyz[0], path, jp + "[0]"), Coordinate(xyz[1], path, jp + "[1]"), Coordinate(xyz[2], path, jp + "[2]"));
            joints[j] = c > 0 ? v : Vec3.Zero;
            confidence[j] = c;
        }

        var views = new int[cameras];
        for (var v = 0; v < cameras; v++)
        {
            views[v] = viewsArr[v].Integer(path, $"{place}.views[{v}]");
            if (views[v] < -1)
            {
                throw new PolyposeFormatException(path, $"expected a detection index >= -1 but got {views[v]}", place: $"{place}.views[{v}]");
            }
        }

        return new Person3D(id, skeleton, joints, confidence, views) { Flags = ReadFlags(e, skeleton.JointCount, path, place) };
    }

    private static JointEdits[]? ReadFlags(JsonElement e, int joints, string path, string place)
    {
        if (!e.TryGetProperty("flags", out var flagsElement))
        {
            return null;
        }

        var arr = Sized(flagsElement, joints, path, place + ".flags");
        var flags = new JointEdits[joints];
        const int known = (int)(JointEdits.Filled | JointEdits.Rejected);
        for (var j = 0; j < joints; j++)
        {
            var f = arr[j].Integer(path, $"{place}.flags[{j}]");
            flags[j] = f >= 0 && (f & ~known) == 0
                ? (JointEdits)f
                : throw new PolyposeFormatException(path, $"expected a joint flag made of 1 (filled) and 2 (rejected) but got {f}", place: $"{place}.flags[{j}]");
        }

        return flags;
    }

    private static Skeleton ReadSkeleton(JsonElement root, string path)
    {
        var name = root.Required("skeleton", path, "$").Text(path, "skeleton");
        var names = Strings(root.Required("joints", path, "$"), path, "joints");
        var known = OpenPoseSkeletons.TryByName(name);
        if (known is not null && known.JointNames.SequenceEqual(names, StringComparer.Ordinal))
        {
            return known;
        }

        if (!root.TryGetProperty("parents", out var parentsElement))
        {
            throw new PolyposeFormatException(path, known is null
                ? $"unknown skeleton '{name}' and no 'parents' field to build it from"
                : $"the joints do not match the known skeleton '{name}' and there is no 'parents' field", place: "joints");
        }

        var parents = Sized(parentsElement, names.Count, path, "parents").Select((p, i) => p.Integer(path, $"parents[{i}]")).ToList();
        try
        {
            return new Skeleton(name, names, parents);
        }
        catch (ArgumentException e)
        {
            throw new PolyposeFormatException(path, e.Message, place: "parents", inner: e);
        }
    }

    private static double Coordinate(JsonElement e, string path, string place)
    {
        var v = e.Number(path, place);
        return Math.Abs(v) <= PoseCoordinates.MaxAbsMillimetres
            ? v
            : throw new PolyposeFormatException(path, $"expected a coordinate within ±{PoseCoordinates.MaxAbsMillimetres:0} mm but got {e.GetRawText()}", place: place);
    }

    private static void ExpectText(JsonElement root, string field, string expected, string path)
    {
        var got = root.Required(field, path, "$").Text(path, field);
        if (!string.Equals(got, expected, StringComparison.Ordinal))
        {
            throw new PolyposeFormatException(path, $"expected \"{expected}\" but got \"{got}\"", place: field);
        }
    }

    private static List<string> Strings(JsonElement e, string path, string place) =>
        [.. e.Expect(JsonValueKind.Array, path, place).EnumerateArray().Select((s, i) => s.Text(path, $"{place}[{i}]"))];

    private static JsonElement[] Sized(JsonElement e, int count, string path, string place)
    {
        e.Expect(JsonValueKind.Array, path, place);
        var n = e.GetArrayLength();
        return n == count
            ? [.. e.EnumerateArray()]
            : throw new PolyposeFormatException(path, $"expected {count} values but got {n}", place: place);
    }
}
