using System.Buffers;
using System.Text.Json;
using Polypose.Formats.Input;

namespace Polypose.Formats.Calibration;

/// <summary>
/// A JSON calibration file read as events over its bytes, without a document of the whole file: one pass checks the
/// syntax (errors as <see cref="CalibrationJson.Parse"/> words them, with line and column) and recognises the format;
/// the readers then take one camera at a time (<see cref="ForEachProperty"/>, <see cref="ForEachItem"/>), each parsed
/// into a document of its own that is dropped once the camera is built. Memory: the file's bytes plus one camera's
/// tokens, instead of the bytes plus a token index of the whole file.
/// </summary>
internal sealed class CalibrationJsonFile
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly ReadOnlyMemory<byte> json;

    private CalibrationJsonFile(string file, ReadOnlyMemory<byte> json)
    {
        File = file;
        this.json = json;
    }

    /// <summary>The file, as errors name it.</summary>
    public string File { get; }

    /// <summary>The kind of the root value.</summary>
    public JsonValueKind RootKind { get; private set; }

    /// <summary>The format the content shows (the rules of <see cref="CalibrationReader"/>), or null when none.</summary>
    public CalibrationFormat? Format { get; private set; }

    /// <summary>Reads and checks a file; syntax errors and invalid UTF-8 throw a located <see cref="PolyposeFormatException"/>.</summary>
    public static CalibrationJsonFile Open(string file)
    {
        var bytes = InputFile.ReadAllBytes(file, InputLimits.CalibrationBytes, "calibration");
        var memory = bytes.AsMemory();
        if (memory.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            memory = memory[3..];
        }

        var result = new CalibrationJsonFile(file, memory);
        if (System.Text.Unicode.Utf8.IsValid(memory.Span))
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
    public JsonDocument ParseWhole() => JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });

    /// <summary>
    /// The root object without its last <paramref name="arrayKey"/> property when that one is an array (its items are then
    /// read by <see cref="ForEachItem"/> from <paramref name="arrayStart"/>); everything else of the root as it is.
    /// </summary>
    public JsonDocument RootWithout(string arrayKey, out int? arrayStart)
    {
        arrayStart = null;
        var reader = new Utf8JsonReader(json.Span, ReaderOptions);
        reader.Read();
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(arrayKey);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals(keyBytes);
            reader.Read();
            if (isKey && reader.TokenType == JsonTokenType.StartArray)
            {
                arrayStart = (int)reader.TokenStartIndex;
            }
            else if (isKey)
            {
                arrayStart = null;
            }

            reader.Skip();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            reader = new Utf8JsonReader(json.Span, ReaderOptions);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var skipped = arrayStart == start;
                reader.Skip();
                if (!skipped)
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(json.Span[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }

            w.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    /// <summary>Calls <paramref name="item"/> with each item of the array that starts at byte <paramref name="arrayStart"/>, one document at a time.</summary>
    public void ForEachItem(int arrayStart, Action<JsonElement> item)
    {
        var reader = new Utf8JsonReader(json.Span[arrayStart..], ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            item(doc.RootElement);
        }
    }

    /// <summary>Calls <paramref name="property"/> with each property of the root object in file order, one document at a time.</summary>
    public void ForEachProperty(Action<string, JsonElement> property)
    {
        var reader = new Utf8JsonReader(json.Span, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            using var doc = JsonDocument.ParseValue(ref reader);
            property(name, doc.RootElement);
        }
    }

    /// <summary>One pass over every token: checks the syntax and recognises the format (as CalibrationReader's rules say).</summary>
    private void Scan()
    {
        var reader = new Utf8JsonReader(json.Span, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }

        RootKind = KindOf(reader.TokenType);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EndOfInput(ref reader);
            return;
        }

        var polypose = false;
        var panoptic = false;
        CalibrationFormat? fromFirst = null;
        var first = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = reader.ValueTextEquals("format"u8);
            var isCameras = reader.ValueTextEquals("cameras"u8);
            reader.Read();
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
                fromFirst = reader.TokenType == JsonTokenType.StartObject ? FirstCameraFormat(ref reader) : null;
            }

            reader.Skip();
        }

        EndOfInput(ref reader);
        Format = polypose ? CalibrationFormat.Polypose : panoptic ? CalibrationFormat.Panoptic : fromFirst;
    }

    /// <summary>At the start of the first property's object: 4D Association when it has K or RT, VoxelPose when fx; leaves the reader at its end.</summary>
    private static CalibrationFormat? FirstCameraFormat(ref Utf8JsonReader reader)
    {
        var k = false;
        var fx = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            k |= reader.ValueTextEquals("K"u8) || reader.ValueTextEquals("RT"u8);
            fx |= reader.ValueTextEquals("fx"u8);
            reader.Read();
            reader.Skip();
        }

        return k ? CalibrationFormat.FourDAssociation : fx ? CalibrationFormat.VoxelPose : null;
    }

    private static void EndOfInput(ref Utf8JsonReader reader)
    {
        // Throws for anything but comments after the root value.
        while (reader.Read())
        {
        }
    }

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
