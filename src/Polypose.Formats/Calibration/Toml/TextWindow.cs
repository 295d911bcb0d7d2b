namespace Polypose.Formats.Calibration.Toml;

/// <summary>
/// Characters of a reader addressed by their absolute index, holding only those from the last
/// <see cref="Release"/> mark on (a parser that moves forward and looks back only within its current token keeps a
/// token and a buffer, not the file). Past the end, the characters read as '\0'.
/// </summary>
internal sealed class TextWindow(TextReader reader)
{
    private char[] buffer = new char[1 << 16];
    private int start;
    private int count;
    private int keep;
    private bool ended;

    /// <summary>The character at <paramref name="index"/>, or '\0' past the end.</summary>
    public char this[int index] => index - start < count || Fill(index) ? buffer[index - start] : '\0';

    /// <summary>Whether <paramref name="index"/> is past the end of the text.</summary>
    public bool IsEnd(int index) => !(index - start < count || Fill(index));

    /// <summary>The characters from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), all already read.</summary>
    public string Slice(int from, int to) => new(buffer, from - start, to - from);

    /// <summary>Characters before <paramref name="index"/> will not be asked for again.</summary>
    public void Release(int index) => keep = Math.Max(keep, index);

    private bool Fill(int index)
    {
        while (index - start >= count && !ended)
        {
            if (count == buffer.Length)
            {
                var drop = keep - start;
                if (drop > 0)
                {
                    Array.Copy(buffer, drop, buffer, 0, count - drop);
                    start += drop;
                    count -= drop;
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            var n = reader.Read(buffer, count, buffer.Length - count);
            if (n == 0)
            {
                ended = true;
            }

            count += n;
        }

        return index - start < count;
    }
}
