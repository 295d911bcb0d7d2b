namespace Polypose.Formats.Calibration;

/// <summary>
/// Reads a text, turning the OpenCV FileStorage header <c>%YAML:1.0</c> (not valid YAML 1.1: a directive needs a
/// space) into a comment by writing <c>#</c> over its <c>%</c>; every other character, and so every line and column,
/// as it is. Owns the inner reader.
/// </summary>
internal sealed class OpenCvHeaderReader : TextReader
{
    private readonly TextReader inner;
    private readonly string head;
    private int headAt;

    public OpenCvHeaderReader(TextReader inner)
    {
        this.inner = inner;
        var first = new char[6];
        var got = inner.ReadBlock(first, 0, first.Length);
        var text = new string(first, 0, got);
        head = text == "%YAML:" ? "#YAML:" : text;
    }

    /// <inheritdoc/>
    public override int Peek() => headAt < head.Length ? head[headAt] : inner.Peek();

    /// <inheritdoc/>
    public override int Read() => headAt < head.Length ? head[headAt++] : inner.Read();

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (headAt < head.Length)
        {
            var n = Math.Min(count, head.Length - headAt);
            head.CopyTo(headAt, buffer, index, n);
            headAt += n;
            return n;
        }

        return inner.Read(buffer, index, count);
    }

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (headAt < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - headAt);
            head.AsSpan(headAt, n).CopyTo(buffer);
            headAt += n;
            return n;
        }

        return inner.Read(buffer);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
