using Polypose.Formats.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Builds <see cref="OpenCvYamlNode"/>s from YamlDotNet's parser events (the same parser, so the same syntax errors at
/// the same places as loading a <c>YamlStream</c>), without YamlDotNet's node tree: each well-formed matrix is kept as
/// its numbers only, so a file of many cameras costs about its numbers in memory, and the time is linear in the text.
/// Duplicate keys and undefined aliases fail as the tree loader does (a <see cref="YamlException"/> at the key or alias).
/// Only the first document is kept; later ones are parsed (their errors count) and dropped.
/// </summary>
internal sealed class OpenCvYamlLoader
{
    private readonly IParser parser;
    private readonly Dictionary<string, OpenCvYamlNode> anchors = new(StringComparer.Ordinal);
    private readonly CollectionPacer pacer = new();

    private OpenCvYamlLoader(IParser parser) => this.parser = parser;

    /// <summary>The root node of the first document, or null when the stream has no document.</summary>
    public static OpenCvYamlNode? LoadFirst(TextReader text)
    {
        var loader = new OpenCvYamlLoader(new Parser(text));
        loader.parser.Consume<StreamStart>();
        OpenCvYamlNode? root = null;
        var first = true;
        while (loader.parser.TryConsume<DocumentStart>(out _))
        {
            loader.anchors.Clear();
            var node = loader.Node();
            loader.parser.Consume<DocumentEnd>();
            if (first)
            {
                root = node;
                first = false;
            }
        }

        loader.parser.Consume<StreamEnd>();
        return root;
    }

    private OpenCvYamlNode Node()
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"Anchor '{alias.Value}' not found");
        }

        OpenCvYamlNode node;
        string anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = new OpenCvScalar(scalar.Value, Line(scalar.Start), Column(scalar.Start));
            anchor = scalar.Anchor.IsEmpty ? string.Empty : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<OpenCvYamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Node());
            }

            node = new OpenCvSequence(items, Line(seqStart.Start), Column(seqStart.Start));
            anchor = seqStart.Anchor.IsEmpty ? string.Empty : seqStart.Anchor.Value;
        }
        else
        {
            var mapStart = parser.Consume<MappingStart>();
            node = Mapping(mapStart);
            anchor = mapStart.Anchor.IsEmpty ? string.Empty : mapStart.Anchor.Value;
        }

        if (anchor.Length > 0)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private OpenCvYamlNode Mapping(MappingStart start)
    {
        var keys = new List<string>();
        var values = new Dictionary<string, OpenCvYamlNode>(StringComparer.Ordinal);
        var seen = new HashSet<(string Tag, string Value)>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            pacer.Step();
            var keyEvent = parser.Current;
            var key = Node();
            var value = Node();
            if (key is OpenCvScalar s)
            {
                var tag = keyEvent is Scalar sc && !sc.Tag.IsEmpty ? sc.Tag.Value : string.Empty;
                if (!seen.Add((tag, s.Value)))
                {
                    throw new YamlException(keyEvent!.Start, keyEvent.End, "Duplicate key");
                }

                keys.Add(s.Value);
                values.TryAdd(s.Value, value);
            }
        }

        var line = Line(start.Start);
        var column = Column(start.Start);
        return (OpenCvYamlNode?)AsMatrix(values, keys.Count, line, column) ?? new OpenCvMapping(keys, values, line, column);
    }

    /// <summary>The compact form of a mapping that is a well-formed matrix (rows, cols, data and at most dt); null otherwise.</summary>
    private static OpenCvMatrix? AsMatrix(Dictionary<string, OpenCvYamlNode> values, int keyCount, int line, int column)
    {
        if (keyCount != values.Count || keyCount is < 3 or > 4 || (keyCount == 4 && !values.ContainsKey("dt")))
        {
            return null;
        }

        if (!values.TryGetValue("rows", out var r) || !values.TryGetValue("cols", out var c) || !values.TryGetValue("data", out var d)
            || Dimension(r) is not { } rows || Dimension(c) is not { } cols || d is not OpenCvSequence data)
        {
            return null;
        }

        var numbers = new double[data.Items.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (data.Items[i] is not OpenCvScalar s || !CalibrationNumbers.TryParseFinite(s.Value, out numbers[i]))
            {
                return null;
            }
        }

        return new OpenCvMatrix(rows, cols, numbers, data.Line, data.Column, line, column);
    }

    private static int? Dimension(OpenCvYamlNode node) =>
        node is OpenCvScalar s && CalibrationNumbers.TryParseFinite(s.Value, out var v) && v >= 1 && v <= 10000 && v == Math.Floor(v) ? (int)v : null;

    private static int Line(Mark m) => (int)m.Line;

    private static int Column(Mark m) => (int)m.Column;
}
