using System.Text;

namespace Polypose.Formats.Calibration;

/// <summary>
/// Recognises the text calibration formats in one pass over a reader, holding a chunk and at most one line prefix
/// (<see cref="MaxLinePrefix"/> characters): Qualisys XML (starts with <c>&lt;</c> and holds <c>&lt;calibration</c> and
/// <c>&lt;camera</c>), EasyMocap OpenCV YAML (starts with <c>%YAML</c> or holds <c>!!opencv-matrix</c>), else TOML (a
/// <c>[table]</c> header line, optionally with a comment, and a later <c>key =</c> line). Linear in the text whatever it
/// holds; stops as soon as the answer is known.
/// </summary>
internal static class TextFormatSniffer
{
    /// <summary>The characters of a line kept for the TOML line tests; the rest of a longer line is only scanned.</summary>
    public const int MaxLinePrefix = 4096;

    private const string CalibrationTag = "<calibration";
    private const string CameraTag = "<camera";
    private const string MatrixTag = "!!opencv-matrix";

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\f\u0085\u2028\u2029");

    /// <summary>The format of the text, or null when it is none of the text formats.</summary>
    public static CalibrationFormat? Sniff(TextReader reader)
    {
        var buffer = new char[(1 << 16) + MatrixTag.Length];
        var head = new StringBuilder();
        var line = new char[MaxLinePrefix];
        var lineLength = 0;
        var lineTruncated = false;
        var tailFirst = '\0';
        var startsXml = false;
        var sawCalibration = false;
        var sawCamera = false;
        var sawMatrix = false;
        var sawTable = false;
        var toml = false;
        var carried = 0;
        int n;
        while ((n = reader.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var chunk = buffer.AsSpan(carried, n);
            if (head.Length < 5)
            {
                var opening = head.Length == 0 ? chunk.TrimStart("\uFEFF \t\r\n") : chunk;
                if (head.Length == 0 && opening.Length > 0)
                {
                    startsXml = opening[0] == '<';
                }

                head.Append(opening[..Math.Min(opening.Length, 5 - head.Length)]);
                if (head.Length == 5 && head.ToString() == "%YAML")
                {
                    return CalibrationFormat.EasyMocap;
                }
            }

            // The substring tests see the previous chunk's last characters before this one (a tag may span the two).
            var joined = buffer.AsSpan(0, carried + n);
            sawCalibration |= joined.IndexOf(CalibrationTag, StringComparison.Ordinal) >= 0;
            sawCamera |= joined.IndexOf(CameraTag, StringComparison.Ordinal) >= 0;
            sawMatrix |= joined.IndexOf(MatrixTag, StringComparison.Ordinal) >= 0;
            if (startsXml && sawCalibration && sawCamera)
            {
                return CalibrationFormat.Qualisys;
            }

            // Line by line (until the TOML test has its answer), copying at most the kept prefix of each line.
            var rest = toml ? [] : chunk;
            while (rest.Length > 0)
            {
                var end = rest.IndexOfAny(LineBreaks);
                var part = end < 0 ? rest : rest[..end];
                var take = lineTruncated ? 0 : Math.Min(part.Length, MaxLinePrefix - lineLength);
                part[..take].CopyTo(line.AsSpan(lineLength));
                lineLength += take;
                if (take < part.Length)
                {
                    lineTruncated = true;
                    var blank = part[take..].IndexOfAnyExcept(' ', '\t');
                    if (tailFirst == '\0' && blank >= 0)
                    {
                        tailFirst = part[take + blank];
                    }
                }

                if (end < 0)
                {
                    break;
                }

                toml |= EndLine(line.AsSpan(0, lineLength), lineTruncated, tailFirst, ref sawTable);
                lineLength = 0;
                lineTruncated = false;
                tailFirst = '\0';
                rest = toml ? [] : rest[(end + 1)..];
            }

            carried = Math.Min(joined.Length, MatrixTag.Length - 1);
            joined[^carried..].CopyTo(buffer);
        }

        toml |= !toml && EndLine(line.AsSpan(0, lineLength), lineTruncated, tailFirst, ref sawTable);
        if (head.ToString().StartsWith("%YAML", StringComparison.Ordinal) || sawMatrix)
        {
            return CalibrationFormat.EasyMocap;
        }

        return toml ? CalibrationFormat.Toml : null;
    }

    /// <summary>
    /// One line of the TOML test: before a table header, whether this line is one; after it, whether this line assigns a
    /// key. <paramref name="tailFirst"/> is the first non-blank character past the kept prefix of a longer line.
    /// </summary>
    private static bool EndLine(ReadOnlySpan<char> kept, bool truncated, char tailFirst, ref bool sawTable)
    {
        var line = kept.Trim(" \t\r");
        if (line.Length == 0 && !(truncated && tailFirst != '\0'))
        {
            return false;
        }

        if (!sawTable)
        {
            sawTable = IsTableHeader(line, truncated, tailFirst);
            return false;
        }

        return IsAssignment(line, truncated, tailFirst);
    }

    private static bool IsTableHeader(ReadOnlySpan<char> line, bool truncated, char tailFirst)
    {
        if (line.Length == 0 || line[0] != '[')
        {
            return false;
        }

        var close = line.IndexOf(']');
        if (close < 2 || line[1..close].IndexOf('[') >= 0)
        {
            return false;
        }

        var after = line[(close + 1)..].TrimStart(" \t");
        return after.Length > 0 ? after[0] == '#' : !truncated || tailFirst is '\0' or '\r' or '#';
    }

    private static bool IsAssignment(ReadOnlySpan<char> line, bool truncated, char tailFirst)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '"' or '\'' or '-'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        var rest = line[i..].TrimStart(" \t");
        return rest.Length > 0 ? rest[0] == '=' : truncated && tailFirst == '=';
    }
}
