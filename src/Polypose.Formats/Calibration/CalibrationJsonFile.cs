using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Polypose.Formats.Input;

namespace Polypose.Formats.Calibration;

/// <summary>
/// A JSON calibration file read as events from the file, without holding it or a document of it: one pass checks the
/// UTF-8, one checks the syntax (errors as <see cref="CalibrationJson.Parse"/> words them, with line and column) and
/// recognises the format; the readers then take one camera at a time (<see cref="ForEachProperty"/>,
/// <see cref="ForEachItem"/>), each parsed into a document of its own that is dropped once the camera is built. Each
/// pass streams the file through a buffer that holds at least the largest single camera (<see cref="JsonWindow"/>).
/// Memory: one camera's bytes and tokens, not the file's (issue 12: peak working set against the input size).
/// </summary>
internal sealed class CalibrationJsonFile
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private CalibrationJsonFile(string file) => File = file;

    /// <summary>The file, as errors name it.</summary>
    public string File { get; }

    /// <summary>The kind of the root value.</summary>
    public JsonValueKind RootKind { get; private set; }

    /// <summary>The format the content shows (the rules of <see cref="CalibrationReader"/>), or null when none.</summary>
    public CalibrationFormat? Format { get; private set; }

    /// <summary>Reads and checks a file; syntax errors and invalid UTF-8 throw a located <see cref="PolyposeFormatException"/>.</summary>
    public static CalibrationJsonFile Open(string file)
    {
        var result = new CalibrationJsonFile(file);
        if (result.IsValidUtf8())
        {
            try
            {
                result.Scan();
                return result;
            }
            catch (JsonException)
            {
                // The text parse below locates the error the same way and adds its hints.
            }
        }

        // Invalid UTF-8 or JSON: the text parse throws the located message (it cannot succeed where the scan failed).
        using var doc = CalibrationJson.Parse(file, InputFile.ReadAllText(file, InputLimits.CalibrationBytes, "calibration"));
        throw new PolyposeFormatException(file, "not valid JSON");
    }

    /// <summary>The whole document (for a root that is not an object: the readers then only describe it in an error).</summary>
    public JsonDocument ParseWhole()
    {
        var bytes = InputFile.ReadAllBytes(File, InputLimits.CalibrationBytes, "calibration").AsMemory();
        if (bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    /// <summary>
    /// The root object without its last <paramref name="arrayKey"/> property when that one is an array (its items are then
    /// read by <see cref="ForEachItem"/> from <paramref name="arrayStart"/>, a byte offset in the file); everything else
    /// of the root as it is.
    /// </summary>
    public JsonDocument RootWithout(string arrayKey, out long? arrayStart)
    {
        arrayStart = null;
        int? arrayIndex = null;
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(arrayKey);
        using (var window = OpenWindow())
        {
            var reader = window.Reader();
            window.Read(ref reader);
            for (var index = 0; window.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName; index++)
            {
                var isKey = reader.ValueTextEquals(keyBytes);
                window.Read(ref reader);
                if (isKey && reader.TokenType == JsonTokenType.StartArray)
                {
                    arrayStart = window.Offset(ref reader);
                    arrayIndex = index;
                }
                else if (isKey)
                {
                    arrayStart = null;
                    arrayIndex = null;
                }

                window.Skip(ref reader);
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        using (var window = OpenWindow())
        {
            w.WriteStartObject();
            var reader = window.Reader();
            window.Read(ref reader);
            for (var index = 0; window.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName; index++)
            {
                var name = reader.GetString()!;
                if (index == arrayIndex)
                {
                    // The camera array, streamed past (it is read item by item by ForEachItem).
                    window.Read(ref reader);
                    window.Skip(ref reader);
                    continue;
                }

                window.EnsureValue(ref reader);
                reader.Read();

                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    throw new InvalidOperationException("unreachable: the value was checked complete in the buffer");
                }

                w.WritePropertyName(name);
                w.WriteRawValue(window.Span[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }

            w.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    /// <summary>Calls <paramref name="item"/> with each item of the array that starts at byte <paramref name="arrayStart"/>, one document at a time.</summary>
    public void ForEachItem(long arrayStart, Action<JsonElement> item)
    {
        using var window = OpenWindow(arrayStart);
        var reader = window.Reader();
        var pacer = new CollectionPacer();
        window.Read(ref reader);
        while (true)
        {
            window.EnsureValue(ref reader);
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            using (var doc = JsonDocument.ParseValue(ref reader))
            {
                item(doc.RootElement);
            }

            pacer.Step();
        }
    }

    /// <summary>Calls <paramref name="property"/> with each property of the root object in file order, one document at a time.</summary>
    public void ForEachProperty(Action<string, JsonElement> property)
    {
        using var window = OpenWindow();
        var reader = window.Reader();
        var pacer = new CollectionPacer();
        window.Read(ref reader);
        while (window.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            window.EnsureValue(ref reader);
            reader.Read();
            using (var doc = JsonDocument.ParseValue(ref reader))
            {
                property(name, doc.RootElement);
            }

            pacer.Step();
        }
    }

    /// <summary>Whether the bytes after a byte-order mark are valid UTF-8 (what <see cref="Utf8.IsValid"/> says of them), read in one pass.</summary>
    private bool IsValidUtf8()
    {
        using var stream = CappedReadStream.Open(File, InputLimits.CalibrationBytes, "calibration");
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            var have = 0;
            while (true)
            {
                var n = stream.Read(bytes, have, (1 << 16) - have);
                var final = n == 0;
                have += n;
                var status = Utf8.ToUtf16(bytes.AsSpan(0, have), chars.AsSpan(0, 1 << 16), out var read, out _, replaceInvalidSequences: false, isFinalBlock: final);
                if (status == OperationStatus.InvalidData)
                {
                    return false;
                }

                bytes.AsSpan(read, have - read).CopyTo(bytes);
                have -= read;
                if (final)
                {
                    return status == OperationStatus.Done;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>One pass over every token: checks the syntax and recognises the format (as CalibrationReader's rules say).</summary>
    private void Scan()
    {
        using var window = OpenWindow();
        var reader = window.Reader();
        if (!window.Read(ref reader))
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }

        RootKind = KindOf(reader.TokenType);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            window.Skip(ref reader);
            EndOfInput(window, ref reader);
            return;
        }

        var polypose = false;
        var panoptic = false;
        CalibrationFormat? fromFirst = null;
        var first = true;
        while (window.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = reader.ValueTextEquals("format"u8);
            var isCameras = reader.ValueTextEquals("cameras"u8);
            window.Read(ref reader);
            if (isFormat)
            {
                polypose = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(PolyposeCalibration.FormatName);
            }

            if (isCameras)
            {
                panoptic = reader.TokenType == JsonTokenType.StartArray;
            }

            if (first)
            {
                first = false;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    fromFirst = FirstCameraFormat(window, ref reader);
                    continue;
                }
            }

            window.Skip(ref reader);
        }

        EndOfInput(window, ref reader);
        Format = polypose ? CalibrationFormat.Polypose : panoptic ? CalibrationFormat.Panoptic : fromFirst;
    }

    /// <summary>At the start of the first property's object: 4D Association when it has K or RT, VoxelPose when fx; leaves the reader at its end.</summary>
    private static CalibrationFormat? FirstCameraFormat(JsonWindow window, ref Utf8JsonReader reader)
    {
        var k = false;
        var fx = false;
        while (window.Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            k |= reader.ValueTextEquals("K"u8) || reader.ValueTextEquals("RT"u8);
            fx |= reader.ValueTextEquals("fx"u8);
            window.Read(ref reader);
            window.Skip(ref reader);
        }

        return k ? CalibrationFormat.FourDAssociation : fx ? CalibrationFormat.VoxelPose : null;
    }

    private static void EndOfInput(JsonWindow window, ref Utf8JsonReader reader)
    {
        // Throws for anything but comments after the root value.
        while (window.Read(ref reader))
        {
        }
    }

    private JsonWindow OpenWindow(long from = 0) => new(CappedReadStream.Open(File, InputLimits.CalibrationBytes, "calibration"), from, ReaderOptions);

    private static JsonValueKind KindOf(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}
