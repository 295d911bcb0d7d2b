using System.Globalization;

namespace Polypose.Formats.Calibration.Toml;

/// <summary>
/// A strict parser for the TOML subset calibration files use: [table] headers (bare, quoted or dotted names),
/// key = value lines, basic and literal strings, integers, floats (including inf/nan, rejected later with their
/// location), booleans, nested and multi-line arrays, inline tables and # comments. Arrays of tables, multi-line
/// strings and dates are refused with a clear message. Every error names the 1-based line and column.
/// </summary>
internal sealed partial class TomlParser
{
    private readonly string file;
    private readonly TextWindow text;
    private readonly Action<TomlTable> onTable;
    private const int MaxNesting = 64;
    private int pos;
    private int depth;
    private int line = 1;
    private int lineStart;

    private TomlParser(string file, TextReader text, Action<TomlTable> onTable)
    {
        this.file = file;
        this.text = new TextWindow(text);
        this.onTable = onTable;
    }

    private int Column => pos - lineStart + 1;

    private char Cur => text[pos];

    private bool AtEnd => text.IsEnd(pos);

    /// <summary>
    /// Parses a document as it is read, handing each [table] to <paramref name="onTable"/> once complete (at the next
    /// header or the end) and keeping only the current one; returns the root table. Throws
    /// <see cref="PolyposeFormatException"/> at the first error, after the tables before it were handed over.
    /// </summary>
    public static TomlTable Parse(string file, TextReader text, Action<TomlTable> onTable) => new TomlParser(file, text, onTable).ParseDocument();

    private TomlTable ParseDocument()
    {
        if (!text.IsEnd(0) && text[0] == '\uFEFF')
        {
            pos = lineStart = 1;
        }

        var root = new TomlTable(string.Empty, 1, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var current = root;
        while (true)
        {
            SkipBlankLines();
            text.Release(pos);
            if (AtEnd)
            {
                break;
            }

            if (Cur == '[')
            {
                var (hl, hc) = (line, Column);
                pos++;
                if (Cur == '[')
                {
                    throw Error("arrays of tables ([[name]]) are not supported in calibration files", hl, hc);
                }

                SkipSpaces();
                var path = ParseKeyPath();
                SkipSpaces();
                Expect(']', "']' to close the table header");
                EndOfLine("table header");
                var name = string.Join(".", path);
                if (!names.Add(name))
                {
                    throw Error($"table [{name}] is defined twice", hl, hc);
                }

                if (current != root)
                {
                    onTable(current);
                }

                current = new TomlTable(name, hl, hc) { Path = path };
                continue;
            }

            var (kl, kc) = (line, Column);
            var key = string.Join(".", ParseKeyPath());
            SkipSpaces();
            Expect('=', $"'=' after key '{key}'");
            SkipSpaces();
            var value = ParseValue();
            EndOfLine("value");
            if (!current.TryAdd(key, value))
            {
                throw Error($"key '{key}' is defined twice in {(current.Name.Length == 0 ? "the root table" : $"table [{current.Name}]")}", kl, kc);
            }
        }

        if (current != root)
        {
            onTable(current);
        }

        return root;
    }

    private List<string> ParseKeyPath()
    {
        text.Release(pos);
        var parts = new List<string> { ParseKey() };
        while (true)
        {
            var save = (pos, line, lineStart);
            SkipSpaces();
            if (Cur != '.')
            {
                (pos, line, lineStart) = save;
                return parts;
            }

            pos++;
            SkipSpaces();
            parts.Add(ParseKey());
        }
    }

    private string ParseKey()
    {
        if (Cur == '"')
        {
            return ParseBasicString();
        }

        if (Cur == '\'')
        {
            return ParseLiteralString();
        }

        var start = pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Cur) || Cur is '_' or '-'))
        {
            pos++;
        }

        return pos > start ? text.Slice(start, pos) : throw Error($"expected a key (letters, digits, '_', '-' or a quoted string), got {Show(Cur)}");
    }

    private TomlValue ParseValue()
    {
        text.Release(pos);
        var (l, c) = (line, Column);
        switch (Cur)
        {
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"')
                {
                    throw Error("multi-line strings (\"\"\") are not supported in calibration files");
                }

                return TomlValue.OfString(ParseBasicString(), l, c);
            case '\'':
                return TomlValue.OfString(ParseLiteralString(), l, c);
            case '[' or '{':
                if (++depth > MaxNesting)
                {
                    throw Error($"arrays and inline tables nested deeper than {MaxNesting} levels");
                }

                var nested = Cur == '[' ? ParseArray() : ParseInlineTable();
                depth--;
                return nested;
            default:
                return ParseBareValue(l, c);
        }
    }

    private TomlValue ParseArray()
    {
        var (l, c) = (line, Column);
        pos++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipArraySpace();
            if (AtEnd)
            {
                throw Error($"unterminated array (opened at line {l}, column {c})");
            }

            if (Cur == ']')
            {
                pos++;
                return TomlValue.OfArray(items, l, c);
            }

            items.Add(ParseValue());
            SkipArraySpace();
            if (Cur == ',')
            {
                pos++;
            }
            else if (Cur != ']')
            {
                throw AtEnd ? Error($"unterminated array (opened at line {l}, column {c})") : Error($"expected ',' or ']' in array, got {Show(Cur)}");
            }
        }
    }

    private TomlValue ParseInlineTable()
    {
        var (l, c) = (line, Column);
        pos++;
        var table = new TomlTable(string.Empty, l, c);
        SkipSpaces();
        if (Cur == '}')
        {
            pos++;
            return TomlValue.OfTable(table, l, c);
        }

        while (true)
        {
            SkipSpaces();
            var (kl, kc) = (line, Column);
            var key = string.Join(".", ParseKeyPath());
            SkipSpaces();
            Expect('=', $"'=' after key '{key}'");
            SkipSpaces();
            if (!table.TryAdd(key, ParseValue()))
            {
                throw Error($"key '{key}' is defined twice in an inline table", kl, kc);
            }

            SkipSpaces();
            if (Cur == '}')
            {
                pos++;
                return TomlValue.OfTable(table, l, c);
            }

            Expect(',', "',' or '}' in inline table");
        }
    }

    private TomlValue ParseBareValue(int l, int c)
    {
        var start = pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Cur) || Cur is '_' or '+' or '-' or '.' or ':'))
        {
            pos++;
        }

        var token = text.Slice(start, pos);
        if (token.Length == 0)
        {
            throw Error($"expected a value (string, number, boolean or array), got {Show(Cur)}", l, c);
        }

        switch (token)
        {
            case "true":
                return TomlValue.OfBoolean(true, l, c);
            case "false":
                return TomlValue.OfBoolean(false, l, c);
            case "inf" or "+inf":
                return TomlValue.OfNumber(double.PositiveInfinity, false, l, c);
            case "-inf":
                return TomlValue.OfNumber(double.NegativeInfinity, false, l, c);
            case "nan" or "+nan" or "-nan":
                return TomlValue.OfNumber(double.NaN, false, l, c);
        }

        if (IntegerRegex().IsMatch(token))
        {
            var digits = token.Replace("_", string.Empty, StringComparison.Ordinal);
            return TomlValue.OfNumber(double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture), true, l, c);
        }

        if (FloatRegex().IsMatch(token))
        {
            var digits = token.Replace("_", string.Empty, StringComparison.Ordinal);
            var v = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
            return TomlValue.OfNumber(v, false, l, c);
        }

        if (token.Contains(':', StringComparison.Ordinal) || DateRegex().IsMatch(token))
        {
            throw Error($"dates and times are not supported in calibration files, got '{token}'", l, c);
        }

        throw Error($"expected a value (string, number, true/false or array), got '{token}'", l, c);
    }
}
