using System.Globalization;
using System.Text;

namespace Polypose.Formats.Calibration.Toml;

/// <summary>Basic ("...", with escapes) and literal ('...') single-line strings.</summary>
internal sealed partial class TomlParser
{
    private string ParseBasicString()
    {
        var (l, c) = (line, Column);
        pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Cur is '\n' or '\r')
            {
                throw Error($"unterminated string (opened at line {l}, column {c})");
            }

            var ch = Cur;
            pos++;
            if (ch == '"')
            {
                return sb.ToString();
            }

            if (ch != '\\')
            {
                sb.Append(ch);
                continue;
            }

            var esc = Cur;
            pos++;
            switch (esc)
            {
                case 'b': sb.Append('\b'); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'f': sb.Append('\f'); break;
                case 'r': sb.Append('\r'); break;
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 'u' or 'U':
                    var n = esc == 'u' ? 4 : 8;
                    var hex = !text.IsEnd(pos + n - 1) ? text.Slice(pos, pos + n) : string.Empty;
                    if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp) || cp > 0x10FFFF)
                    {
                        throw Error($"bad unicode escape \\{esc}{hex}");
                    }

                    sb.Append(char.ConvertFromUtf32(cp));
                    pos += n;
                    break;
                default:
                    pos--;
                    throw Error($"unknown escape sequence '\\{esc}'");
            }
        }
    }

    private string ParseLiteralString()
    {
        var (l, c) = (line, Column);
        pos++;
        var start = pos;
        while (!AtEnd && Cur != '\'' && Cur is not ('\n' or '\r'))
        {
            pos++;
        }

        if (Cur != '\'')
        {
            throw Error($"unterminated literal string (opened at line {l}, column {c})");
        }

        var s = text.Slice(start, pos);
        pos++;
        return s;
    }
}
