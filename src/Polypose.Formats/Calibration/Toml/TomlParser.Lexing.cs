using System.Text.RegularExpressions;

namespace Polypose.Formats.Calibration.Toml;

/// <summary>Whitespace, comments, line tracking and errors.</summary>
internal sealed partial class TomlParser
{
    [GeneratedRegex(@"^[+-]?(0|[1-9](_?[0-9])*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerRegex();

    [GeneratedRegex(@"^[+-]?(0|[1-9](_?[0-9])*)((\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?|[eE][+-]?[0-9](_?[0-9])*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatRegex();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    private char Peek(int ahead) => text[pos + ahead];

    private void SkipSpaces()
    {
        while (Cur is ' ' or '\t')
        {
            pos++;
        }
    }

    private void SkipComment()
    {
        if (Cur != '#')
        {
            return;
        }

        while (!AtEnd && Cur is not ('\n' or '\r'))
        {
            pos++;
        }
    }

    /// <summary>Consumes one newline (LF or CRLF) and advances the line counter; false when not at a newline.</summary>
    private bool Newline()
    {
        if (Cur == '\r' && Peek(1) == '\n')
        {
            pos += 2;
        }
        else if (Cur == '\n')
        {
            pos++;
        }
        else
        {
            return false;
        }

        line++;
        lineStart = pos;
        return true;
    }

    private void SkipBlankLines()
    {
        while (true)
        {
            SkipSpaces();
            SkipComment();
            if (!Newline())
            {
                return;
            }
        }
    }

    /// <summary>Whitespace, newlines and comments, as allowed between array items.</summary>
    private void SkipArraySpace() => SkipBlankLines();

    private void EndOfLine(string after)
    {
        SkipSpaces();
        SkipComment();
        if (AtEnd || Newline())
        {
            return;
        }

        throw Error($"expected the end of the line after the {after}, got {Show(Cur)}");
    }

    private void Expect(char ch, string what)
    {
        if (Cur != ch)
        {
            throw Error($"expected {what}, got {Show(Cur)}");
        }

        pos++;
    }

    private static string Show(char ch) => ch switch
    {
        '\0' => "the end of the file",
        '\n' or '\r' => "the end of the line",
        _ => $"'{ch}'",
    };

    private PolyposeFormatException Error(string problem) => Error(problem, line, Column);

    private PolyposeFormatException Error(string problem, int l, int c) => new(file, "TOML: " + problem, l, c);
}
