using System.Globalization;
using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// JSON helpers for the calibration readers: parsing with line/column errors, and typed access that names the JSON
/// path (<c>"3".K</c>, <c>cameras[12].R</c>) and what was expected when a value is wrong.
/// </summary>
internal static class CalibrationJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses JSON text; syntax errors become a <see cref="PolyposeFormatException"/> with 1-based line and column.</summary>
    public static JsonDocument Parse(string file, string text)
    {
        InvalidText.RejectInvalidUtf8(file, text);
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            int? line = ex.LineNumber is { } l ? (int)l + 1 : null;
            int? col = ex.BytePositionInLine is { } c ? (int)c + 1 : null;
            var problem = "not valid JSON: " + FirstSentence(ex.Message);
            if (line is not null && col is not null && StartsNonFinite(text, line.Value, col.Value))
            {
                problem += " (NaN and Infinity are not JSON numbers; non-finite calibration values are rejected)";
            }

            throw new PolyposeFormatException(file, problem, line, col, inner: ex);
        }
    }

    /// <summary>The child at <paramref name="key"/>; a located error naming the expected content when absent.</summary>
    public static JsonElement Required(string file, JsonElement obj, string key, string place, string expected)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new PolyposeFormatException(file, $"expected an object, got {Kind(obj)}", place: place);
        }

        return obj.TryGetProperty(key, out var v)
            ? v
            : throw new PolyposeFormatException(file, $"missing key \"{key}\" ({expected})", place: place);
    }

    /// <summary>The child at <paramref name="key"/> when the object has it.</summary>
    public static bool TryGet(JsonElement obj, string key, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A finite number.</summary>
    public static double Number(string file, JsonElement e, string place)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            throw new PolyposeFormatException(file, $"expected a number, got {Kind(e)}", place: place);
        }

        return e.TryGetDouble(out var v) && double.IsFinite(v)
            ? v
            : throw new PolyposeFormatException(file, $"number {e.GetRawText()} is out of range (not a finite double)", place: place);
    }

    /// <summary>A string.</summary>
    public static string String(string file, JsonElement e, string place) =>
        e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new PolyposeFormatException(file, $"expected a string, got {Kind(e)}", place: place);

    /// <summary>A positive integer written as a number (1920 or 1920.0).</summary>
    public static int PositiveInt(string file, JsonElement e, string place)
    {
        var v = Number(file, e, place);
        return v >= 1 && v <= int.MaxValue && v == Math.Floor(v)
            ? (int)v
            : throw new PolyposeFormatException(file, $"expected a positive integer, got {e.GetRawText()}", place: place);
    }

    /// <summary>All numbers of a (possibly nested) array in row-major order, and its shape such as "3x3" or "9".</summary>
    public static double[] Numbers(string file, JsonElement e, string place, out string shape)
    {
        var values = new List<double>();
        var dims = new List<int>();
        Collect(file, e, place, values, dims, 0);
        shape = dims.Count == 0 ? "a scalar" : string.Join("x", dims);
        return [.. values];
    }

    /// <summary>Exactly <paramref name="count"/> numbers, flat or nested any way (9 = 3x3, 3x1, ...).</summary>
    public static double[] Exactly(string file, JsonElement e, string place, int count, string expected)
    {
        var v = Numbers(file, e, place, out var shape);
        return v.Length == count
            ? v
            : throw new PolyposeFormatException(file, $"expected {expected}, got {v.Length} number(s) shaped {shape}", place: place);
    }

    /// <summary>A 3×3 matrix from 9 numbers (flat row-major or nested rows).</summary>
    public static Mat3 Matrix3(string file, JsonElement e, string place, string what) =>
        Mat3.FromRowMajor(Exactly(file, e, place, 9, what + " (3x3, 9 numbers)"));

    /// <summary>A 3-vector from 3 numbers (flat or 3x1 nested).</summary>
    public static Vec3 Vector3(string file, JsonElement e, string place, string what)
    {
        var v = Exactly(file, e, place, 3, what + " (3 numbers)");
        return new Vec3(v[0], v[1], v[2]);
    }

    /// <summary>An image size from [width, height].</summary>
    public static ImageSize Size(string file, JsonElement e, string place)
    {
        var v = Exactly(file, e, place, 2, "[width, height] in pixels");
        foreach (var x in v)
        {
            if (!(x >= 1) || x != Math.Floor(x) || x > int.MaxValue)
            {
                throw new PolyposeFormatException(file, $"image size must be two positive integers, got [{string.Join(", ", v.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]", place: place);
            }
        }

        return new ImageSize((int)v[0], (int)v[1]);
    }

    /// <summary>A JSON path segment for an object key: <c>"3"</c> or <c>parent."3"</c>.</summary>
    public static string Key(string? parent, string key) =>
        parent is null ? $"\"{key}\"" : $"{parent}.{key}";

    /// <summary>A human name for a JSON value kind.</summary>
    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        JsonValueKind.String => $"the string \"{Truncate(e.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => e.ValueKind.ToString(),
    };

    private static void Collect(string file, JsonElement e, string place, List<double> values, List<int> dims, int depth)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (depth == 0)
            {
                values.Add(Number(file, e, place));
                return;
            }

            throw new InvalidOperationException("unreachable");
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new PolyposeFormatException(file, $"expected an array of numbers, got {Kind(e)}", place: place);
        }

        var n = e.GetArrayLength();
        if (dims.Count == depth)
        {
            dims.Add(n);
        }
        else if (dims[depth] != n)
        {
            throw new PolyposeFormatException(file, $"ragged nested array: rows of {dims[depth]} and {n} values", place: place);
        }

        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var itemPlace = $"{place}[{i}]";
            if (item.ValueKind == JsonValueKind.Number)
            {
                if (dims.Count > depth + 1)
                {
                    throw new PolyposeFormatException(file, "ragged nested array: a number where a row was expected", place: itemPlace);
                }

                values.Add(Number(file, item, itemPlace));
            }
            else
            {
                if (i > 0 && dims.Count == depth + 1)
                {
                    throw new PolyposeFormatException(file, $"ragged nested array: expected a number, got {Kind(item)}", place: itemPlace);
                }

                Collect(file, item, itemPlace, values, dims, depth + 1);
            }

            i++;
        }
    }

    private static bool StartsNonFinite(string text, int line, int col)
    {
        var lines = text.Split('\n');
        if (line - 1 >= lines.Length)
        {
            return false;
        }

        var l = lines[line - 1];
        var rest = col - 1 < l.Length ? l[(col - 1)..].TrimStart('-', '+') : string.Empty;
        return rest.StartsWith("NaN", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("Inf", StringComparison.OrdinalIgnoreCase);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).Trim();
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
