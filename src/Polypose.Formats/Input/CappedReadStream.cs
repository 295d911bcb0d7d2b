namespace Polypose.Formats.Input;

/// <summary>
/// A read-only view of an input file that fails with a message naming it once more than its cap has been read (the
/// streaming counterpart of <see cref="InputFile.ReadAllBytes"/>: a device or a FIFO fed forever stops at the cap), and
/// turns IO failures into <see cref="PolyposeFormatException"/>. Bytes are read in order only.
/// </summary>
internal sealed class CappedReadStream : Stream
{
    private readonly FileStream inner;
    private readonly string path;
    private readonly long maxBytes;
    private readonly string what;
    private long read;

    private CappedReadStream(FileStream inner, string path, long maxBytes, string what)
    {
        this.inner = inner;
        this.path = path;
        this.maxBytes = maxBytes;
        this.what = what;
    }

    /// <summary>Opens a regular file (others are refused as <see cref="InputFile.RequireRegular"/> does) whose declared size is under the cap.</summary>
    public static CappedReadStream Open(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        InputFile.RequireRegular(path, what);
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputFile.CannotRead(path, what, e);
        }

        if (fs.CanSeek && fs.Length > maxBytes)
        {
            fs.Dispose();
            throw InputFile.TooLarge(path, maxBytes, what);
        }

        return new CappedReadStream(fs, path, maxBytes, what);
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputFile.CannotRead(path, what, e);
        }

        read += n;
        return read > maxBytes ? throw InputFile.TooLarge(path, maxBytes, what) : n;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
