using Polypose.Formats.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Builds <see cref="OpenCvYamlNode"/>s from YamlDotNet's parser events (the same parser, so the same syntax errors at
/// the same places as loading a <c>YamlStream</c>), without YamlDotNet's node tree: the top-level mapping is streamed
/// one entry at a time (a file of many cameras costs what its reader keeps of each, not a tree), each well-formed matrix
/// is built as its numbers only, and the time is linear in the text.
/// Duplicate keys and undefined aliases fail as the tree loader does (a <see cref="YamlException"/> at the key or alias).
/// Only the first document's entries are streamed; later documents are parsed (their errors count) and dropped.
/// </summary>
internal sealed class OpenCvYamlLoader
{
    private readonly IParser parser;
    private readonly Dictionary<string, OpenCvYamlNode> anchors = new(StringComparer.Ordinal);
    private readonly CollectionPacer pacer = new();

    private OpenCvYamlLoader(IParser parser) => this.parser = parser;

    /// <summary>
    /// Streams the entries of the first document's top-level mapping to <paramref name="entry"/> one at a time, keeping
    /// none of them: memory is one entry's value, whatever the file's length. <paramref name="entry"/> gets the key, its
    /// start and end (for errors) and the value; it returns true when it takes the key, and then rejects a second
    /// occurrence itself (<see cref="DuplicateKey"/>); keys it does not take are checked for duplicates here. Returns
    /// false when the first document is not a mapping (or there is none).
    /// </summary>
    public static bool StreamFirstMapping(TextReader text, Func<string, Mark, Mark, OpenCvYamlNode, bool> entry)
    {
        var loader = new OpenCvYamlLoader(new Parser(text));
        loader.parser.Consume<StreamStart>();
        var mapping = false;
        var first = true;
        while (loader.parser.TryConsume<DocumentStart>(out _))
        {
            loader.anchors.Clear();
            if (first && loader.parser.TryConsume<MappingStart>(out _))
            {
                mapping = true;
                loader.StreamMapping(entry);
            }
            else
            {
                _ = loader.Node();
            }

            loader.parser.Consume<DocumentEnd>();
            first = false;
        }

        loader.parser.Consume<StreamEnd>();
        return mapping;
    }

    /// <summary>The error a second occurrence of a top-level key raises (as YamlDotNet's tree loader does).</summary>
    public static YamlException DuplicateKey(Mark start, Mark end) => new(start, end, "Duplicate key");

    private void StreamMapping(Func<string, Mark, Mark, OpenCvYamlNode, bool> entry)
    {
        var others = new HashSet<(string Tag, string Value)>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            pacer.Step();
            var keyEvent = parser.Current;
            var key = Node();
            var value = Node();
            if (key is OpenCvScalar s)
            {
                var tag = keyEvent is Scalar sc && !sc.Tag.IsEmpty ? sc.Tag.Value : string.Empty;
                if (!entry(s.Value, keyEvent!.Start, keyEvent.End, value) && !others.Add((tag, s.Value)))
                {
                    throw DuplicateKey(keyEvent!.Start, keyEvent.End);
                }
            }
        }
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
