using System.Globalization;
using System.Text;
using Polypose.Formats.Input;

namespace Polypose.Formats.Detections;

/// <summary>
/// A whitespace-token reader over a whole text file (the 4D Association text formats), parsing numbers straight from
/// the UTF-8 bytes without per-token strings. Tracks the 1-based token index, line and column of the last token so
/// errors can say where they are.
/// </summary>
internal sealed class TokenStream
{
    private const int MaxTokenEcho = 32;
    private readonly byte[] _data;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _tokenLine = 1;
    private int _tokenColumn = 1;
    private string? _problem;
    private bool _eof;

    private TokenStream(string filePath, byte[] data)
    {
        FilePath = filePath;
        _data = data;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based index of the last token read (0 before the first).</summary>
    public int TokenIndex { get; private set; }

    /// <summary>Reads the whole file; a missing or unreadable file becomes a <see cref="PolyposeFormatException"/>.</summary>
    public static TokenStream Open(string path) => new(path, ReadBytes(path));

    /// <summary>Wraps bytes already read from <paramref name="path"/>.</summary>
    public static TokenStream FromBytes(string path, byte[] data) => new(path, data);

    /// <summary>Reads the bytes of a file under <see cref="InputLimits.DataFileBytes"/>, turning IO failures into <see cref="PolyposeFormatException"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        return InputFile.ReadAllBytes(path, InputLimits.DataFileBytes, "input");
    }

    /// <summary>True when only whitespace remains.</summary>
    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _pos >= _data.Length;
        }
    }

    /// <summary>Reads the next token; false at the end of the data.</summary>
    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        SkipWhitespace();
        if (_pos >= _data.Length)
        {
            token = default;
            return false;
        }

        var start = _pos;
        while (_pos < _data.Length && !IsSpace(_data[_pos]))
        {
            _pos++;
        }

        TokenIndex++;
        _tokenLine = _line;
        _tokenColumn = start - _lineStart + 1;
        token = _data.AsSpan(start, _pos - start);
        return true;
    }

    /// <summary>Reads a finite number; <paramref name="what"/> names it for errors (e.g. "frame 3, joint 0 (nose), x[1]").</summary>
    public double ReadDouble(string what) => TryReadDouble(out var value) ? value : throw Fail(what);

    /// <summary>Reads an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadInt(string what, int min, int max) => TryReadInt(min, max, out var value) ? value : throw Fail(what);

    /// <summary>
    /// Reads a finite number without allocating; on failure returns false and remembers the problem for
    /// <see cref="Fail"/> (so callers build place strings only on the error path).
    /// </summary>
    public bool TryReadDouble(out double value)
    {
        value = 0;
        if (!TryNextOrRemember("a number", out var token))
        {
            return false;
        }

        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            _problem = $"expected a number but got '{Echo(token)}'";
            return false;
        }

        if (!double.IsFinite(value))
        {
            _problem = $"expected a finite number but got '{Echo(token)}'";
            return false;
        }

        return true;
    }

    /// <summary>Reads an integer in [<paramref name="min"/>, <paramref name="max"/>] without allocating; see <see cref="TryReadDouble"/>.</summary>
    public bool TryReadInt(int min, int max, out int value)
    {
        value = 0;
        if (!TryNextOrRemember("an integer", out var token))
        {
            return false;
        }

        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            _problem = $"expected an integer but got '{Echo(token)}'";
            return false;
        }

        if (value < min || value > max)
        {
            _problem = $"expected an integer in [{min}, {max}] but got {value}";
            return false;
        }

        return true;
    }

    /// <summary>The exception for the last failed Try… read, located at the bad token (or the end of the file).</summary>
    public PolyposeFormatException Fail(string what)
    {
        var problem = _problem ?? "unreadable token";
        return _eof
            ? new PolyposeFormatException(FilePath, problem, _line, _pos - _lineStart + 1, $"token {TokenIndex + 1}, {what}")
            : Error(problem, what);
    }

    /// <summary>A format error at the last token read.</summary>
    public PolyposeFormatException Error(string problem, string what) =>
        new(FilePath, problem, _tokenLine, _tokenColumn, $"token {TokenIndex}, {what}");

    /// <summary>Throws when tokens remain, naming the first one.</summary>
    public void ExpectEnd(string what)
    {
        if (TryNext(out var extra))
        {
            throw Error($"expected the end of the file after {what} but found more tokens, starting with '{Echo(extra)}'", "after " + what);
        }
    }

    private static string Echo(ReadOnlySpan<byte> token) =>
        token.Length <= MaxTokenEcho ? Encoding.UTF8.GetString(token) : Encoding.UTF8.GetString(token[..MaxTokenEcho]) + "…";

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    private bool TryNextOrRemember(string expected, out ReadOnlySpan<byte> token)
    {
        _eof = false;
        if (TryNext(out token))
        {
            return true;
        }

        _eof = true;
        _problem = $"unexpected end of file: expected {expected} (the file is truncated or a count is wrong)";
        return false;
    }

    private void SkipWhitespace()
    {
        while (_pos < _data.Length && IsSpace(_data[_pos]))
        {
            if (_data[_pos] == (byte)'\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            _pos++;
        }
    }
}
