using System.Text;
using Polypose.Formats.Output;

namespace Polypose.Formats.Input;

/// <summary>
/// Reads a whole input file with a size cap enforced while streaming, so that a device (<c>/dev/zero</c>), a FIFO fed
/// forever or an absurd file fails fast with a message naming it instead of exhausting memory. Only regular files are
/// read: devices, FIFOs (which would block until a writer comes) and sockets are refused before opening. IO failures
/// become <see cref="PolyposeFormatException"/>.
/// </summary>
public static class InputFile
{
    /// <summary>Reads the bytes of <paramref name="path"/>, refusing more than <paramref name="maxBytes"/>; <paramref name="what"/> names the input ("calibration").</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireRegular(path, what);

        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var declared = fs.CanSeek ? fs.Length : 0;
            if (declared > maxBytes)
            {
                throw TooLarge(path, maxBytes, what);
            }

            using var buffer = new MemoryStream(declared > 0 ? (int)Math.Min(declared, int.MaxValue - 64) : 1 << 16);
            var chunk = new byte[1 << 16];
            int n;
            while ((n = fs.Read(chunk)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    throw TooLarge(path, maxBytes, what);
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, what, e);
        }
    }

    /// <summary>
    /// Opens UTF-8 text for reading in order (a byte-order mark is skipped; invalid sequences decode to U+FFFD, as in
    /// <see cref="ReadAllText"/>) under the same cap as <see cref="ReadAllBytes"/>, enforced while reading: the
    /// streaming readers hold a few buffers, not the file.
    /// </summary>
    public static TextReader OpenText(string path, long maxBytes, string what)
    {
        var stream = CappedReadStream.Open(path, maxBytes, what);
        var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        return reader;
    }

    /// <summary>Reads UTF-8 text (a byte-order mark is skipped) under the same cap as <see cref="ReadAllBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        var bytes = ReadAllBytes(path, maxBytes, what);
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }

    /// <summary>The first non-whitespace byte of a file as a character ('\0' when there is none in the first <paramref name="scanLimit"/> bytes).</summary>
    public static char FirstNonSpace(string path, int scanLimit = 1 << 20)
    {
        RequireRegular(path, "input");

        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            var head = new byte[Math.Min(scanLimit, 1 << 20)];
            var got = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var span = head.AsSpan(0, got);
            if (span.StartsWith(Encoding.UTF8.Preamble))
            {
                span = span[3..];
            }

            foreach (var b in span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return (char)b;
                }
            }

            return '\0';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolyposeFormatException(path, $"cannot read the file: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}", inner: e);
        }
    }

    /// <summary>Refuses a path that is not a regular file (following links) with a message naming it.</summary>
    public static void RequireRegular(string path, string what)
    {
        var kind = FileIdentity.Of(path, followLinks: true).Kind;
        var problem = kind switch
        {
            FileKind.Fifo => $"is a FIFO (named pipe), not a {what} file",
            FileKind.Special => $"is a device or socket, not a {what} file",
            FileKind.Directory => $"is a folder, not a {what} file",
            _ => null,
        };
        if (problem is not null)
        {
            throw new PolyposeFormatException(path, problem);
        }
    }

    /// <summary>The error for an IO failure while reading an input.</summary>
    internal static PolyposeFormatException CannotRead(string path, string what, Exception e) =>
        new(path, $"cannot read the {what} file: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}", inner: e);

    /// <summary>The error for an input over its cap.</summary>
    internal static PolyposeFormatException TooLarge(string path, long maxBytes, string what) =>
        new(path, $"is larger than the {InputLimits.Describe(maxBytes)} limit for a {what} file (set {(what == "calibration" ? InputLimits.CalibrationVariable : InputLimits.DataFileVariable)} to raise it)");
}
