using System.Globalization;
using System.Text;
using Polypose.Formats.Input;
using YamlDotNet.Core;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Reading and writing the OpenCV FileStorage YAML dialect (<c>%YAML:1.0</c> header, <c>!!opencv-matrix</c> maps with
/// rows, cols, dt and data). The non-standard header is blanked (keeping line numbers) before YamlDotNet parses the rest.
/// </summary>
internal static class OpenCvYaml
{
    /// <summary>The deepest flow nesting (<c>[</c>, <c>{</c>) accepted; OpenCV files use one level (the data lists).</summary>
    private const int MaxFlowNesting = 32;

    /// <summary>
    /// Streams a file's top-level entries to <paramref name="entry"/> (<see cref="OpenCvYamlLoader.StreamFirstMapping"/>:
    /// key, key start and end, value; true when the callback takes the key and checks its duplicates), keeping none of
    /// them; syntax errors carry the line and column. Three passes over the stream: the UTF-8 check, the bracket scan,
    /// the parse. Errors the callback throws (<see cref="PolyposeFormatException"/>) pass through unchanged.
    /// </summary>
    public static void Stream(string file, Func<string, Mark, Mark, OpenCvYamlNode, bool> entry)
    {
        using (var check = Open(file))
        {
            InvalidText.RejectInvalidUtf8(file, check);
        }

        (char Bracket, bool Closing, int Line, int Column)? unbalanced;
        int lines;
        using (var scan = Open(file))
        {
            unbalanced = ScanBrackets(file, scan, out lines);
        }

        bool mapping;
        using (var text = Open(file))
        {
            try
            {
                mapping = OpenCvYamlLoader.StreamFirstMapping(text, entry);
            }
            catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or FormatException)
            {
                // YamlDotNet reports some syntax errors (an unclosed '[' at the end of the file) as InvalidOperationException.
                throw SyntaxError(file, lines, ex, unbalanced);
            }
        }

        if (!mapping)
        {
            throw new PolyposeFormatException(file, "expected a YAML mapping of named entries (OpenCV FileStorage)", 1, 1);
        }
    }

    /// <summary>The node under a key, when present (the first of that name in file order).</summary>
    public static bool TryGet(OpenCvMapping map, string key, out OpenCvYamlNode node) => map.TryGet(key, out node);

    /// <summary>The file's text with the non-standard <c>%YAML:1.0</c> header blanked into a comment (line numbers kept).</summary>
    private static OpenCvHeaderReader Open(string file) =>
        new OpenCvHeaderReader(InputFile.OpenText(file, InputLimits.CalibrationBytes, "calibration"));

    /// <summary>A located format error at a node.</summary>
    public static PolyposeFormatException Error(string file, OpenCvYamlNode node, string problem, string place) =>
        new(file, problem, node.Line, node.Column, place);

    /// <summary>A finite number from a scalar node.</summary>
    public static double Number(string file, OpenCvYamlNode node, string place)
    {
        if (node is not OpenCvScalar s)
        {
            throw Error(file, node, "expected a number", place);
        }

        if (CalibrationNumbers.TryParseFinite(s.Value, out var v))
        {
            return v;
        }

        throw Error(file, node, CalibrationNumbers.LooksNonFinite(s.Value) ? $"non-finite value '{s.Value}' (NaN and infinities are rejected)" : $"expected a number, got '{s.Value}'", place);
    }

    /// <summary>An <c>!!opencv-matrix</c> (rows, cols, data) as row-major values; data length must be rows·cols.</summary>
    public static double[] Matrix(string file, OpenCvYamlNode node, string place, out int rows, out int cols)
    {
        if (node is OpenCvMatrix compact)
        {
            rows = compact.Rows;
            cols = compact.Cols;
            if (compact.Data.Length != rows * cols)
            {
                throw new PolyposeFormatException(file, $"matrix is {rows}x{cols} but 'data' holds {compact.Data.Length} value(s)", compact.DataLine, compact.DataColumn, place + ".data");
            }

            return [.. compact.Data];
        }

        if (node is not OpenCvMapping m)
        {
            throw Error(file, node, "expected an !!opencv-matrix (rows, cols, dt, data)", place);
        }

        rows = Dim(file, m, node, "rows", place);
        cols = Dim(file, m, node, "cols", place);
        if (!TryGet(m, "data", out var dataNode) || dataNode is not OpenCvSequence data)
        {
            throw Error(file, node, "the matrix has no 'data' sequence", place);
        }

        if (data.Items.Count != rows * cols)
        {
            throw Error(file, dataNode, $"matrix is {rows}x{cols} but 'data' holds {data.Items.Count} value(s)", place + ".data");
        }

        return [.. data.Items.Select((c, i) => Number(file, c, $"{place}.data[{i}]"))];
    }

    /// <summary>A matrix that must have the given shape, e.g. 3x3 for K.</summary>
    public static double[] Matrix(string file, OpenCvYamlNode node, string place, int rows, int cols)
    {
        var v = Matrix(file, node, place, out var r, out var c);
        return r == rows && c == cols ? v : throw Error(file, node, $"expected a {rows}x{cols} matrix, got {r}x{c}", place);
    }

    /// <summary>A vector stored as a 1xN or Nx1 matrix, with N in the allowed lengths.</summary>
    public static double[] Vector(string file, OpenCvYamlNode node, string place, params int[] lengths)
    {
        var v = Matrix(file, node, place, out var r, out var c);
        if ((r != 1 && c != 1) || !lengths.Contains(v.Length))
        {
            throw Error(file, node, $"expected a 1xN or Nx1 vector with N in {{{string.Join(", ", lengths)}}}, got {r}x{c}", place);
        }

        return v;
    }

    /// <summary>Writes a matrix entry in OpenCV's layout.</summary>
    public static void AppendMatrix(StringBuilder sb, string key, int rows, int cols, IReadOnlyList<double> data)
    {
        sb.Append(key).Append(": !!opencv-matrix\n");
        sb.Append(CultureInfo.InvariantCulture, $"   rows: {rows}\n   cols: {cols}\n   dt: d\n   data: [ ");
        sb.Append(CalibrationNumbers.Join(data)).Append(" ]\n");
    }

    /// <summary>The header and the names list shared by intri.yml and extri.yml.</summary>
    public static void AppendHeader(StringBuilder sb, IEnumerable<string> names)
    {
        sb.Append("%YAML:1.0\n---\nnames:\n");
        foreach (var n in names)
        {
            sb.Append("   - \"").Append(n.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }
    }

    /// <summary>
    /// A syntax error in our own words: an unclosed or unmatched bracket is located at the bracket itself (YAML parsers
    /// notice it only where the next entry starts); anything else at the parser's position, without its internal text.
    /// </summary>
    private static PolyposeFormatException SyntaxError(string file, int lines, Exception ex, (char Bracket, bool Closing, int Line, int Column)? unbalanced)
    {
        if (unbalanced is { } bad)
        {
            var problem = bad.Closing
                ? $"YAML syntax error: '{bad.Bracket}' closes nothing (no matching '{(bad.Bracket == ']' ? '[' : '{')}' before it)"
                : $"YAML syntax error: '{bad.Bracket}' is never closed (expected '{(bad.Bracket == '[' ? ']' : '}')}' at the end of the list, e.g. data: [ 1, 2, 3 ])";
            return new PolyposeFormatException(file, problem, bad.Line, bad.Column, inner: ex);
        }

        var (line, column) = ex is YamlException y ? ((int)y.Start.Line, (int)y.Start.Column) : (lines, 1);
        return new PolyposeFormatException(
            file,
            "YAML syntax error (check the indentation, the ':' after each key, and that quotes and brackets are closed)",
            line,
            column,
            inner: ex);
    }

    /// <summary>
    /// One linear pass over the flow brackets (<c>[</c>, <c>{</c>) outside quotes and comments, before YamlDotNet sees
    /// the text: refuses nesting deeper than <see cref="MaxFlowNesting"/> (its parser recurses per level: a megabyte of
    /// '[' would overflow the stack or take minutes), and returns the first bracket closed without being opened, else
    /// the first one never closed (1-based line and column), for the syntax error should parsing fail.
    /// </summary>
    private static (char Bracket, bool Closing, int Line, int Column)? ScanBrackets(string file, TextReader text, out int lines)
    {
        var open = new Stack<(char Bracket, int Line, int Column)>();
        (char Bracket, bool Closing, int Line, int Column)? firstBad = null;
        var line = 1;
        var column = 0;
        var quote = '\0';
        var comment = false;
        var buffer = new char[1 << 16];
        int n;
        while ((n = text.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var ch in buffer.AsSpan(0, n))
            {
                column++;
                if (ch == '\n')
                {
                    line++;
                    column = 0;
                    comment = false;
                    continue;
                }

                if (comment)
                {
                    continue;
                }

                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                    continue;
                }

                switch (ch)
                {
                    case '"' or '\'':
                        quote = ch;
                        break;
                    case '#':
                        comment = true;
                        break;
                    case '[' or '{':
                        if (open.Count >= MaxFlowNesting)
                        {
                            throw new PolyposeFormatException(file, $"not valid OpenCV YAML: lists or maps nested deeper than {MaxFlowNesting} levels", line, column);
                        }

                        open.Push((ch, line, column));
                        break;
                    case ']' or '}':
                        var expected = ch == ']' ? '[' : '{';
                        if (open.Count == 0 || open.Peek().Bracket != expected)
                        {
                            // Keep the first mismatch for the message, but go on scanning: the nesting bound must hold for the whole text.
                            firstBad ??= open.Count > 0 ? (open.Peek().Bracket, false, open.Peek().Line, open.Peek().Column) : (ch, true, line, column);
                        }

                        if (open.Count > 0)
                        {
                            open.Pop();
                        }

                        break;
                }
            }
        }

        lines = line;
        if (firstBad is not null || open.Count == 0)
        {
            return firstBad;
        }

        var first = open.Last();
        return (first.Bracket, false, first.Line, first.Column);
    }

    private static int Dim(string file, OpenCvMapping m, OpenCvYamlNode node, string key, string place)
    {
        if (!TryGet(m, key, out var n))
        {
            throw Error(file, node, $"the matrix has no '{key}'", place);
        }

        var v = Number(file, n, place + "." + key);
        return v >= 1 && v <= 10000 && v == Math.Floor(v) ? (int)v : throw Error(file, n, $"'{key}' must be a positive integer, got {v}", place + "." + key);
    }
}
