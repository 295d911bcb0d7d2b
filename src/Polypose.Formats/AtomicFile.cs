using System.Text;
using Polypose.Formats.Output;

namespace Polypose.Formats;

/// <summary>
/// Writes files atomically: content goes to a temporary file in the destination folder, is flushed to disk, then
/// renamed over the destination. A crash or an exception leaves either the old file or the complete new one. Only a
/// regular file (or nothing) is ever replaced: a folder, device, FIFO, socket or symbolic link at the destination is
/// refused (<see cref="OutputPath.EnsureReplaceableFile"/>), and IO failures name the destination, never the temporary.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through a stream callback; the destination's folder is created when missing.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        OutputPath.EnsureReplaceableFile(path);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }

            OutputPath.EnsureReplaceableFile(path);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? "permission denied" : e.Message.Replace(tmp, path, StringComparison.Ordinal);
            throw new PolyposeFormatException(path, "could not be written: " + reason, inner: e);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            s.Write(bytes);
        });

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }
}
