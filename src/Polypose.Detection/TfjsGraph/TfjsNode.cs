namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// One node of a TF.js graph model: its name, op (e.g. <c>_FusedConv2D</c>), data inputs as (node, output index)
/// pairs — model.json writes them <c>name</c> or <c>name:k</c>; control inputs (<c>^name</c>) are dropped — and
/// attributes.
/// </summary>
public sealed class TfjsNode
{
    internal TfjsNode(string name, string op, IReadOnlyList<(string Node, int Output)> inputs, IReadOnlyDictionary<string, TfjsAttr> attributes)
    {
        Name = name;
        Op = op;
        Inputs = inputs;
        Attributes = attributes;
    }

    /// <summary>Gets the node name.</summary>
    public string Name { get; }

    /// <summary>Gets the TensorFlow op name.</summary>
    public string Op { get; }

    /// <summary>Gets the data inputs.</summary>
    public IReadOnlyList<(string Node, int Output)> Inputs { get; }

    /// <summary>Gets the attributes by name.</summary>
    public IReadOnlyDictionary<string, TfjsAttr> Attributes { get; }

    /// <summary>The attribute, or null when absent.</summary>
    public TfjsAttr? Attr(string name) => Attributes.TryGetValue(name, out var a) ? a : null;

    /// <summary>Parses an input reference <c>name</c>, <c>name:k</c> (or <c>^name</c>, returned with output -1).</summary>
    internal static (string Node, int Output) ParseInput(string text)
    {
        if (text.StartsWith('^'))
        {
            return (text[1..], -1);
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k))
        {
            return (text[..colon], k);
        }

        return (text, 0);
    }
}
