using System.Text;
using System.Text.Json;

namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// One attribute of a graph node as model.json stores it (a TensorFlow <c>AttrValue</c> in JSON form: <c>i</c> as a
/// decimal string, <c>f</c>, <c>b</c>, <c>s</c> as base64, <c>type</c>, or <c>list</c> of those).
/// </summary>
public sealed class TfjsAttr
{
    private readonly JsonElement value;

    internal TfjsAttr(JsonElement value) => this.value = value.Clone();

    /// <summary>Gets the integer (<c>i</c>) value.</summary>
    public long Int => value.TryGetProperty("i", out var i) ? ParseLong(i) : 0;

    /// <summary>Gets the float (<c>f</c>) value.</summary>
    public float Float => value.TryGetProperty("f", out var f) ? f.GetSingle() : 0f;

    /// <summary>Gets the boolean (<c>b</c>) value.</summary>
    public bool Bool => value.TryGetProperty("b", out var b) && b.GetBoolean();

    /// <summary>Gets the string (<c>s</c>, base64-decoded as UTF-8) value.</summary>
    public string String => value.TryGetProperty("s", out var s) ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString() ?? string.Empty)) : string.Empty;

    /// <summary>Gets the type (<c>type</c>) value, e.g. <c>DT_FLOAT</c>.</summary>
    public string Type => value.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;

    /// <summary>Gets the integer list (<c>list.i</c>), empty when absent.</summary>
    public long[] Ints =>
        value.TryGetProperty("list", out var l) && l.TryGetProperty("i", out var i) ? [.. i.EnumerateArray().Select(ParseLong)] : [];

    /// <summary>Gets the string list (<c>list.s</c>, base64-decoded), empty when absent.</summary>
    public string[] Strings =>
        value.TryGetProperty("list", out var l) && l.TryGetProperty("s", out var s)
            ? [.. s.EnumerateArray().Select(e => Encoding.UTF8.GetString(Convert.FromBase64String(e.GetString() ?? string.Empty)))]
            : [];

    private static long ParseLong(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetInt64();
}
