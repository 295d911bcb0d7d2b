using System.Text.Json;
using Polypose.Formats.Input;

namespace Polypose.Formats.Detections;

/// <summary>Shared JSON reading helpers: parse a file with located syntax errors, and typed element access by JSON path.</summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The reader settings that match <see cref="Parse"/> (comments skipped, trailing commas, depth 64).</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>Parses a whole JSON file; syntax errors become <see cref="PolyposeFormatException"/> with line and column.</summary>
    public static JsonDocument Parse(string path)
    {
        var memory = ReadText(path);
        try
        {
            return JsonDocument.Parse(memory, Options);
        }
        catch (JsonException e)
        {
            throw Located(path, e);
        }
    }

    /// <summary>
    /// The bytes of a JSON file (under <see cref="InputLimits.DataFileBytes"/>, valid UTF-8, byte-order mark removed),
    /// for a <see cref="Utf8JsonReader"/> with <see cref="ReaderOptions"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> ReadText(string path)
    {
        var bytes = TokenStream.ReadBytes(path);
        RejectInvalidUtf8(path, bytes);
        var memory = bytes.AsMemory();
        return memory.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? memory[3..] : memory;
    }

    /// <summary>A JSON syntax error of a file as the one-line error with line and column.</summary>
    public static PolyposeFormatException Located(string path, JsonException e)
    {
        var line = e.LineNumber is long l ? (int)l + 1 : (int?)null;
        var col = e.BytePositionInLine is long c ? (int)c + 1 : (int?)null;
        return new PolyposeFormatException(path, "invalid JSON: " + FirstSentence(e.Message), line, col, inner: e);
    }

    /// <summary>Throws a located <see cref="PolyposeFormatException"/> at the first byte that is not valid UTF-8.</summary>
    private static void RejectInvalidUtf8(string path, byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return;
        }

        var at = 0;
        var span = bytes.AsSpan();
        while (at < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[at..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            at += consumed;
        }

        var line = span[..at].Count((byte)'\n') + 1;
        var lineStart = span[..at].LastIndexOf((byte)'\n') + 1;
        throw new PolyposeFormatException(path, $"invalid JSON: the file is not valid UTF-8 (byte 0x{bytes[at]:X2} at offset {at})", line, System.Text.Encoding.UTF8.GetCharCount(span[lineStart..at]) + 1);
    }

    /// <summary>The first non-whitespace character of a file (after a UTF-8 byte-order mark), or '\0' when empty.</summary>
    public static char FirstChar(string path) => InputFile.FirstNonSpace(path);

    /// <summary>Requires an element kind, else throws naming the JSON path and both kinds.</summary>
    public static JsonElement Expect(this JsonElement e, JsonValueKind kind, string file, string place)
    {
        if (e.ValueKind != kind)
        {
            throw new PolyposeFormatException(file, $"expected {Describe(kind)} but got {Describe(e.ValueKind)}", place: place);
        }

        return e;
    }

    /// <summary>A required property.</summary>
    public static JsonElement Required(this JsonElement obj, string name, string file, string place)
    {
        obj.Expect(JsonValueKind.Object, file, place);
        return obj.TryGetProperty(name, out var v)
            ? v
            : throw new PolyposeFormatException(file, $"missing required field '{name}'", place: place);
    }

    /// <summary>A finite number.</summary>
    public static double Number(this JsonElement e, string file, string place)
    {
        e.Expect(JsonValueKind.Number, file, place);
        var v = e.GetDouble();
        return double.IsFinite(v) ? v : throw new PolyposeFormatException(file, $"expected a finite number but got {e.GetRawText()}", place: place);
    }

    /// <summary>An integer that fits in <see cref="int"/>.</summary>
    public static int Integer(this JsonElement e, string file, string place)
    {
        e.Expect(JsonValueKind.Number, file, place);
        return e.TryGetInt32(out var v) ? v : throw new PolyposeFormatException(file, $"expected an integer but got {e.GetRawText()}", place: place);
    }

    /// <summary>A string.</summary>
    public static string Text(this JsonElement e, string file, string place) =>
        e.Expect(JsonValueKind.String, file, place).GetString() ?? string.Empty;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
