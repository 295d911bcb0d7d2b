namespace Polypose.Formats.Calibration;

/// <summary>
/// Rejects calibration text that was not valid UTF-8: decoding turns each invalid byte sequence into U+FFFD, which would
/// otherwise silently change a camera name. The error gives the line and column of the first one.
/// </summary>
internal static class InvalidText
{
    private const string Problem = "the file is not valid UTF-8 text (an invalid byte sequence, or the U+FFFD replacement character)";

    /// <summary>Throws a located <see cref="PolyposeFormatException"/> when the decoded text holds U+FFFD.</summary>
    public static void RejectInvalidUtf8(string file, string text)
    {
        var at = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < at; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        throw new PolyposeFormatException(file, Problem, line, at - lineStart + 1);
    }

    /// <summary>The same check over a reader, in one pass holding one buffer (the text is read to its end).</summary>
    public static void RejectInvalidUtf8(string file, TextReader text)
    {
        var buffer = new char[1 << 16];
        var line = 1;
        var column = 0;
        int n;
        while ((n = text.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var ch in buffer.AsSpan(0, n))
            {
                if (ch == '\uFFFD')
                {
                    throw new PolyposeFormatException(file, Problem, line, column + 1);
                }

                if (ch == '\n')
                {
                    line++;
                    column = 0;
                }
                else
                {
                    column++;
                }
            }
        }
    }
}
