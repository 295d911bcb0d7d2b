using System.Runtime.InteropServices;

namespace Polypose.Formats.Output;

/// <summary>
/// The kind of a path and the identity (device and inode) of the file it names, read with Linux <c>statx(2)</c>: .NET
/// itself does not tell a device or a FIFO from a regular file. Where <c>statx</c> is unavailable (other systems) the
/// kind falls back to what .NET reports (regular, directory, link) and the identity is unknown.
/// </summary>
public readonly partial record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode, bool Known)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    /// <summary>The kind and identity of <paramref name="path"/>; <paramref name="followLinks"/> reads what a final link points to.</summary>
    public static FileIdentity Of(string path, bool followLinks = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return Statx(path, followLinks);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to what .NET can tell.
            }
        }

        return Fallback(path, followLinks);
    }

    /// <summary>True when both identities are known and name the same file.</summary>
    public bool SameFileAs(FileIdentity other) =>
        Known && other.Known && Kind != FileKind.Missing && other.Kind != FileKind.Missing && Device == other.Device && Inode == other.Inode;

    private static unsafe FileIdentity Statx(string path, bool followLinks)
    {
        var buffer = stackalloc byte[StatxSize];
        new Span<byte>(buffer, StatxSize).Clear();
        var rc = NativeMethods.statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno, buffer);
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == 38)
            {
                return Fallback(path, followLinks);
            }

            // ENOENT, ENOTDIR (a parent is a file), ELOOP: nothing usable is there.
            return new FileIdentity(FileKind.Missing, 0, 0, true);
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            _ => FileKind.Special,
        };
        var inode = *(ulong*)(buffer + InodeOffset);
        var device = ((ulong)*(uint*)(buffer + DevMajorOffset) << 32) | *(uint*)(buffer + DevMinorOffset);
        return new FileIdentity(kind, device, inode, true);
    }

    private static FileIdentity Fallback(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
        {
            return new FileIdentity(FileKind.SymbolicLink, 0, 0, false);
        }

        var kind = Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        return new FileIdentity(kind, 0, 0, false);
    }

    private static unsafe partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
    }
}
