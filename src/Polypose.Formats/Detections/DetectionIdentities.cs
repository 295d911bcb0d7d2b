using System.Text.Json;

namespace Polypose.Formats.Detections;

/// <summary>
/// The true identity of every 2D detection of a synthetic scene, for evaluation only (training never reads it), stored
/// as a sidecar beside the detections (<c>detection_identities.json</c>); no detection reader looks at it, so inputs
/// without it read as before. Layout:
/// <code>
/// { "format": "polypose-detection-identities", "version": 1,
///   "cameras": ["cam01", ...],
///   "frames": [ { "frame": 0, "identities": [[0, 2, -1], [1, 0], ...] }, ... ] }
/// </code>
/// <c>identities[v][d]</c> is the ground-truth person id of detection d of camera v (the d-th person of that camera's
/// OpenPose file of the frame, and the d-th COCO result of that camera with this image_id), or −1 for a detection that
/// comes from nobody (a false positive, a distractor).
/// </summary>
public static class DetectionIdentities
{
    /// <summary>The file name the synthetic writer uses.</summary>
    public const string FileName = "detection_identities.json";

    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "polypose-detection-identities";

    /// <summary>The identity of a detection that comes from no person.</summary>
    public const int Distractor = -1;

    /// <summary>
    /// Writes the identities atomically: <paramref name="frames"/>[i] is frame number <paramref name="frameNumbers"/>[i],
    /// <paramref name="frames"/>[i][v][d] the id of detection d of camera v (−1 = distractor).
    /// </summary>
    public static void Write(string path, IReadOnlyList<string> cameras, IReadOnlyList<int> frameNumbers, IReadOnlyList<IReadOnlyList<int[]>> frames)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frameNumbers);
        ArgumentNullException.ThrowIfNull(frames);
        if (frameNumbers.Count != frames.Count)
        {
            throw new ArgumentException($"{frameNumbers.Count} frame numbers for {frames.Count} frames", nameof(frameNumbers));
        }

        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Count != cameras.Count)
            {
                throw new ArgumentException($"frame {frameNumbers[i]} has {frames[i].Count} views for {cameras.Count} cameras", nameof(frames));
            }
        }

        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", 1);
            w.WriteStartArray("cameras");
            foreach (var c in cameras)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteStartArray("frames");
            for (var i = 0; i < frames.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("frame", frameNumbers[i]);
                w.WriteStartArray("identities");
                foreach (var view in frames[i])
                {
                    w.WriteStartArray();
                    foreach (var id in view)
                    {
                        w.WriteNumberValue(id);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Reads a sidecar: the camera names and, per frame number, <c>[views][detections]</c> ids. Throws
    /// <see cref="PolyposeFormatException"/> naming the file and the JSON path when it is malformed (wrong format name,
    /// a view count that differs from the cameras, an id below −1, a repeated frame).
    /// </summary>
    public static (IReadOnlyList<string> Cameras, IReadOnlyDictionary<int, int[][]> Frames) Read(string path)
    {
        using var doc = JsonInput.Parse(path);
        var root = doc.RootElement.Expect(JsonValueKind.Object, path, "$");
        var format = root.Required("format", path, "$").Text(path, "format");
        if (!string.Equals(format, FormatName, StringComparison.Ordinal))
        {
            throw new PolyposeFormatException(path, $"format is '{format}', expected '{FormatName}'", place: "format");
        }

        var cameras = root.Required("cameras", path, "$").Expect(JsonValueKind.Array, path, "cameras")
            .EnumerateArray().Select((c, k) => c.Text(path, $"cameras[{k}]")).ToArray();
        var frames = new Dictionary<int, int[][]>();
        var i = 0;
        foreach (var f in root.Required("frames", path, "$").Expect(JsonValueKind.Array, path, "frames").EnumerateArray())
        {
            var place = $"frames[{i++}]";
            var number = f.Required("frame", path, place).Integer(path, place + ".frame");
            var views = f.Required("identities", path, place).Expect(JsonValueKind.Array, path, place + ".identities");
            if (views.GetArrayLength() != cameras.Length)
            {
                throw new PolyposeFormatException(path, $"{views.GetArrayLength()} views for {cameras.Length} cameras", place: place + ".identities");
            }

            var ids = new int[cameras.Length][];
            var v = 0;
            foreach (var view in views.EnumerateArray())
            {
                var viewPlace = $"{place}.identities[{v}]";
                ids[v] = [.. view.Expect(JsonValueKind.Array, path, viewPlace).EnumerateArray().Select((e, d) => CheckId(e.Integer(path, $"{viewPlace}[{d}]"), path, $"{viewPlace}[{d}]"))];
                v++;
            }

            if (!frames.TryAdd(number, ids))
            {
                throw new PolyposeFormatException(path, $"frame {number} appears twice", place: place + ".frame");
            }
        }

        return (cameras, frames);
    }

    private static int CheckId(int id, string path, string place) =>
        id >= Distractor ? id : throw new PolyposeFormatException(path, $"identity {id} is below -1", place: place);
}
